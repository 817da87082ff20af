package dev.hotpath.db;

import java.util.Locale;

/**
 * What one fingerprint cost since the inspector started (or was reset). Times are the JDBC execute
 * calls as seen by the application; {@code p95Nanos} comes from an HdrHistogram (0.1% precision).
 *
 * @param fingerprint the {@link SqlFingerprint}
 * @param count executions
 * @param totalNanos total execute time
 * @param p95Nanos 95th percentile of the execute time
 * @param maxNanos the slowest execution
 * @param rows rows returned (fully read result sets) or affected (updates)
 */
public record QueryStats(
    String fingerprint, long count, long totalNanos, long p95Nanos, long maxNanos, long rows) {

  /** Mean execute time, 0 when never executed. */
  public double meanNanos() {
    return count == 0 ? 0 : (double) totalNanos / count;
  }

  /** Mean rows per execution. */
  public double rowsPerCall() {
    return count == 0 ? 0 : (double) rows / count;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%8d %10.1f %9.3f %9.3f %9.3f %10d  %s",
        count,
        totalNanos / 1e6,
        meanNanos() / 1e6,
        p95Nanos / 1e6,
        maxNanos / 1e6,
        rows,
        fingerprint);
  }
}
