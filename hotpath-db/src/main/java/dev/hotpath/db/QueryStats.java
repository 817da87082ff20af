package dev.hotpath.db;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one fingerprint cost since the inspector started (or was reset). Times are the JDBC execute
 * calls as seen by the application; {@code p95Nanos} comes from an HdrHistogram (0.1% precision).
 * Immutable; built by the inspector (new figures may be added without breaking callers).
 *
 * <pre>{@code
 * QueryStats q = inspector.digest().get("select sku from items where order_id = ?");
 * System.out.println(q.count() + " calls, p95 " + q.p95Nanos() / 1e6 + " ms");
 * }</pre>
 */
public final class QueryStats {
  private final String fingerprint;
  private final long count;
  private final long totalNanos;
  private final long p95Nanos;
  private final long maxNanos;
  private final long rows;

  QueryStats(String fingerprint, long count, long totalNanos, long p95Nanos, long maxNanos, long rows) {
    this.fingerprint = fingerprint;
    this.count = count;
    this.totalNanos = totalNanos;
    this.p95Nanos = p95Nanos;
    this.maxNanos = maxNanos;
    this.rows = rows;
  }

  /** The {@link SqlFingerprint}. */
  public String fingerprint() {
    return fingerprint;
  }

  /** Executions. */
  public long count() {
    return count;
  }

  /** Total execute time. */
  public long totalNanos() {
    return totalNanos;
  }

  /** 95th percentile of the execute time. */
  public long p95Nanos() {
    return p95Nanos;
  }

  /** The slowest execution. */
  public long maxNanos() {
    return maxNanos;
  }

  /** Rows returned (fully read result sets) or affected (updates). */
  public long rows() {
    return rows;
  }

  /** Mean execute time, 0 when never executed. */
  public double meanNanos() {
    return count == 0 ? 0 : (double) totalNanos / count;
  }

  /** Mean rows per execution. */
  public double rowsPerCall() {
    return count == 0 ? 0 : (double) rows / count;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof QueryStats o)) {
      return false;
    }
    return Objects.equals(fingerprint, o.fingerprint)
        && count == o.count
        && totalNanos == o.totalNanos
        && p95Nanos == o.p95Nanos
        && maxNanos == o.maxNanos
        && rows == o.rows;
  }

  @Override
  public int hashCode() {
    return Objects.hash(fingerprint, count, totalNanos, p95Nanos, maxNanos, rows);
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
