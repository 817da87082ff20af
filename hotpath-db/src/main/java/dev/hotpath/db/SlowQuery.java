package dev.hotpath.db;

import java.util.List;
import java.util.Locale;

/**
 * One statement that took at least {@link InspectorConfig#slowQueryThreshold()}: the SQL as
 * executed, its fingerprint, the real elapsed time of the execute call, and its bound parameters
 * rendered under the configured {@link ParameterRedaction}.
 *
 * @param sql the statement text as the application passed it
 * @param fingerprint its {@link SqlFingerprint}
 * @param elapsedNanos time spent in the JDBC execute call, measured around the driver
 * @param parameters bound parameters in index order, already redacted
 * @param callSite the first application frame that ran the statement ({@code Class.method:line})
 */
public record SlowQuery(
    String sql, String fingerprint, long elapsedNanos, List<String> parameters, String callSite) {
  /** Copies {@code parameters}. */
  public SlowQuery {
    parameters = List.copyOf(parameters);
  }

  /** One log line: {@code slow query 812.4 ms at Foo.bar:12: select ... [<string>, <integer>]}. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "slow query %.1f ms at %s: %s %s", elapsedNanos / 1e6, callSite, sql, parameters);
  }
}
