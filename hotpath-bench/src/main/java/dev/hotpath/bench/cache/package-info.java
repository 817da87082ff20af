/** JMH benchmarks of hotpath-cache, each beside the anchor it competes with (see docs/benchmarks.md). */
@NullMarked
package dev.hotpath.bench.cache;

import org.jspecify.annotations.NullMarked;
