/** Internals of the result tools (HTML report, comparison, merge): charts, statistics, shard sets. */
@NullMarked
package dev.hotpath.load.internal.report;

import org.jspecify.annotations.NullMarked;
