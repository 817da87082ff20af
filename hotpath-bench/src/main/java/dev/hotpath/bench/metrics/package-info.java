/** JMH benchmarks of hotpath-metrics, each beside the anchor it competes with (see docs/benchmarks.md). */
@NullMarked
package dev.hotpath.bench.metrics;

import org.jspecify.annotations.NullMarked;
