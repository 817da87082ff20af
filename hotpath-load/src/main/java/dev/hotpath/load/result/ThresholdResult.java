package dev.hotpath.load.result;

import java.util.Objects;

/**
 * The verdict of one {@code --threshold} expression after a run.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * new ThresholdResult("p99<200ms", true, "p99 = 183 ms");
 * }</pre>
 *
 * @param expression the expression as the user wrote it
 * @param passed whether the run met it
 * @param actual what was measured, for people (e.g. {@code p99 = 183 ms})
 */
public record ThresholdResult(String expression, boolean passed, String actual) {
  public ThresholdResult {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(actual, "actual");
  }
}
