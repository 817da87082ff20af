/** Worker pool, pipeline, object and buffer pools, interner. */
@NullMarked
package dev.hotpath.concurrency;

import org.jspecify.annotations.NullMarked;
