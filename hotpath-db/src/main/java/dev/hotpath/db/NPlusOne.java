package dev.hotpath.db;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The same SELECT fingerprint executed at least {@link InspectorConfig#nPlusOneThreshold()} times
 * within one metrics {@link dev.hotpath.metrics.Scope}: the classic N+1 pattern of a loop issuing
 * one query per parent row where one JOIN or one {@code IN (...)} would do. Immutable; built by the
 * inspector (new details may be added without breaking callers).
 *
 * <pre>{@code
 * inspector.nPlusOne(scope).forEach(n -> log.warn(n.toString()));
 * }</pre>
 */
public final class NPlusOne {
  private final String scope;
  private final String fingerprint;
  private final long count;
  private final long totalNanos;
  private final String callSite;

  NPlusOne(String scope, String fingerprint, long count, long totalNanos, String callSite) {
    this.scope = scope;
    this.fingerprint = fingerprint;
    this.count = count;
    this.totalNanos = totalNanos;
    this.callSite = callSite;
  }

  /** The name of the scope (a request or a transaction). */
  public String scope() {
    return scope;
  }

  /** The repeated statement's fingerprint. */
  public String fingerprint() {
    return fingerprint;
  }

  /** Executions of it in the scope so far. */
  public long count() {
    return count;
  }

  /** Their total execute time so far. */
  public long totalNanos() {
    return totalNanos;
  }

  /** The application frame that issued them ({@code Class.method:line}). */
  public String callSite() {
    return callSite;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof NPlusOne o)) {
      return false;
    }
    return Objects.equals(scope, o.scope)
        && Objects.equals(fingerprint, o.fingerprint)
        && count == o.count
        && totalNanos == o.totalNanos
        && Objects.equals(callSite, o.callSite);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scope, fingerprint, count, totalNanos, callSite);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "N+1 in %s: %d x [%s], %.1f ms in total, from %s (fetch them with one JOIN or IN-list)",
        scope,
        count,
        fingerprint,
        totalNanos / 1e6,
        callSite);
  }
}
