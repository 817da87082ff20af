/** Benchmarks of hotpath-monitor's request timing against Micrometer's own Timer. */
@NullMarked
package dev.hotpath.bench.monitor;

import org.jspecify.annotations.NullMarked;
