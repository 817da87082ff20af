package dev.hotpath.db;

/**
 * Settings of an {@link ExplainAdvisor}; immutable, validated, changed with withers.
 *
 * <pre>{@code
 * ExplainConfig config = ExplainConfig.ofDefaults().withAnalyze(true); // runs the statement
 * }</pre>
 *
 * @param analyze run the statement for real row counts ({@code EXPLAIN ANALYZE}); it runs inside a
 *     transaction that is rolled back, but it does run (locks, time, side effects outside the
 *     database). Off by default.
 * @param largeTableRows a scanned table with at least this many rows counts as large (≥ 1)
 * @param selectiveFraction a filter keeping at most this fraction of a table is selective (0, 1]
 * @param largeResultRows a result with at least this many rows is large (≥ 1)
 * @param allowRealIndexOnMariaDb let {@link ExplainAdvisor#verify} create and then drop a real
 *     index on MariaDB/MySQL, whose DDL cannot be rolled back; off by default
 */
public record ExplainConfig(
    boolean analyze,
    long largeTableRows,
    double selectiveFraction,
    long largeResultRows,
    boolean allowRealIndexOnMariaDb) {

  /** Validates every setting. */
  public ExplainConfig {
    if (largeTableRows < 1) {
      throw new IllegalArgumentException("largeTableRows must be >= 1, was " + largeTableRows);
    }
    if (!(selectiveFraction > 0 && selectiveFraction <= 1)) {
      throw new IllegalArgumentException("selectiveFraction must be in (0, 1], was " + selectiveFraction);
    }
    if (largeResultRows < 1) {
      throw new IllegalArgumentException("largeResultRows must be >= 1, was " + largeResultRows);
    }
  }

  /** No ANALYZE, large table 10,000 rows, selective 5%, large result 1,000 rows, no real MariaDB DDL. */
  public static ExplainConfig ofDefaults() {
    return new ExplainConfig(false, 10_000, 0.05, 1_000, false);
  }

  /** With {@link #analyze()} set. */
  public ExplainConfig withAnalyze(boolean value) {
    return new ExplainConfig(value, largeTableRows, selectiveFraction, largeResultRows, allowRealIndexOnMariaDb);
  }

  /** With {@link #largeTableRows()} set. */
  public ExplainConfig withLargeTableRows(long value) {
    return new ExplainConfig(analyze, value, selectiveFraction, largeResultRows, allowRealIndexOnMariaDb);
  }

  /** With {@link #selectiveFraction()} set. */
  public ExplainConfig withSelectiveFraction(double value) {
    return new ExplainConfig(analyze, largeTableRows, value, largeResultRows, allowRealIndexOnMariaDb);
  }

  /** With {@link #largeResultRows()} set. */
  public ExplainConfig withLargeResultRows(long value) {
    return new ExplainConfig(analyze, largeTableRows, selectiveFraction, value, allowRealIndexOnMariaDb);
  }

  /** With {@link #allowRealIndexOnMariaDb()} set. */
  public ExplainConfig withAllowRealIndexOnMariaDb(boolean value) {
    return new ExplainConfig(analyze, largeTableRows, selectiveFraction, largeResultRows, value);
  }
}
