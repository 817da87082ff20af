/**
 * The result of a load run: what was planned and what happened, per endpoint and per interval,
 * with whole histograms so results merge exactly ({@link dev.hotpath.load.result.ResultMerger}),
 * their versioned JSON form ({@link dev.hotpath.load.result.LoadResultJson}) and thresholds.
 */
@NullMarked
package dev.hotpath.load.result;

import org.jspecify.annotations.NullMarked;
