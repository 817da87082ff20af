package dev.hotpath.db;

import java.util.Locale;

/**
 * The same SELECT fingerprint executed at least {@link InspectorConfig#nPlusOneThreshold()} times
 * within one metrics {@link dev.hotpath.metrics.Scope}: the classic N+1 pattern of a loop issuing
 * one query per parent row where one JOIN or one {@code IN (...)} would do.
 *
 * @param scope the name of the scope (a request or a transaction)
 * @param fingerprint the repeated statement's fingerprint
 * @param count executions of it in the scope so far
 * @param totalNanos their total execute time so far
 * @param callSite the application frame that issued them ({@code Class.method:line})
 */
public record NPlusOne(String scope, String fingerprint, long count, long totalNanos, String callSite) {
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
