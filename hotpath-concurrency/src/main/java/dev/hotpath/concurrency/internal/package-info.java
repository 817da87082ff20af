/** Implementation details of dev.hotpath.concurrency; not exported, no compatibility promise. */
@NullMarked
package dev.hotpath.concurrency.internal;

import org.jspecify.annotations.NullMarked;
