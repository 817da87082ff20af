/**
 * Performance budgets on JUnit Jupiter tests: {@link dev.hotpath.junit.MaxQueries}, {@link
 * dev.hotpath.junit.ExpectQueries}, {@link dev.hotpath.junit.NoNPlusOne}, {@link
 * dev.hotpath.junit.MaxQueryTime}, {@link dev.hotpath.junit.LatencyBudget} and {@link
 * dev.hotpath.junit.MaxAllocation}, enforced by {@link dev.hotpath.junit.HotpathExtension}; the
 * queries come from DataSources wrapped by {@link dev.hotpath.junit.QueryRecorder}.
 */
@NullMarked
package dev.hotpath.junit;

import org.jspecify.annotations.NullMarked;
