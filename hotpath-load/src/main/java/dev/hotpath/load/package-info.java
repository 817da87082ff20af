/**
 * The load engine's API: a {@link dev.hotpath.load.Scenario} and a {@link dev.hotpath.load.LoadConfig}
 * (open or closed model, rate schedule, shard) go into {@link dev.hotpath.load.LoadRunner}, which
 * returns a {@link dev.hotpath.load.result.LoadResult}. Results live in {@code dev.hotpath.load.result},
 * reports and comparisons in {@code dev.hotpath.load.report}.
 */
@NullMarked
package dev.hotpath.load;

import org.jspecify.annotations.NullMarked;
