/** JMH benchmarks of hotpath-db, each beside the anchor it competes with (see docs/benchmarks.md). */
@NullMarked
package dev.hotpath.bench.db;

import org.jspecify.annotations.NullMarked;
