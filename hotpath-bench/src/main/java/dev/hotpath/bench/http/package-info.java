/** Response compression: hotpath's CompressionFilter path beside the JDK's raw GZIPOutputStream. */
@NullMarked
package dev.hotpath.bench.http;

import org.jspecify.annotations.NullMarked;
