/** Budget parsing, measuring and failure reports behind the extension; not API. */
@NullMarked
package dev.hotpath.junit.internal;

import org.jspecify.annotations.NullMarked;
