package dev.hotpath.db;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One statement that took at least {@link InspectorConfig#slowQueryThreshold()}: the SQL as
 * executed, its fingerprint, the real elapsed time of the execute call, and its bound parameters
 * rendered under the configured {@link ParameterRedaction}. Immutable; built by the inspector (new
 * details may be added without breaking listeners).
 *
 * <pre>{@code
 * InspectorConfig.builder().listener(QueryListener.slowQueries(q -> log.warn(q.toString()))).build();
 * }</pre>
 */
public final class SlowQuery {
  private final String sql;
  private final String fingerprint;
  private final long elapsedNanos;
  private final List<String> parameters;
  private final String callSite;

  SlowQuery(String sql, String fingerprint, long elapsedNanos, List<String> parameters, String callSite) {
    this.sql = sql;
    this.fingerprint = fingerprint;
    this.elapsedNanos = elapsedNanos;
    this.parameters = List.copyOf(parameters);
    this.callSite = callSite;
  }

  /** The statement text as the application passed it. */
  public String sql() {
    return sql;
  }

  /** Its {@link SqlFingerprint}. */
  public String fingerprint() {
    return fingerprint;
  }

  /** Time spent in the JDBC execute call, measured around the driver. */
  public long elapsedNanos() {
    return elapsedNanos;
  }

  /** Bound parameters in index order, already redacted. */
  public List<String> parameters() {
    return parameters;
  }

  /** The first application frame that ran the statement ({@code Class.method:line}). */
  public String callSite() {
    return callSite;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof SlowQuery o)) {
      return false;
    }
    return Objects.equals(sql, o.sql)
        && Objects.equals(fingerprint, o.fingerprint)
        && elapsedNanos == o.elapsedNanos
        && Objects.equals(parameters, o.parameters)
        && Objects.equals(callSite, o.callSite);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sql, fingerprint, elapsedNanos, parameters, callSite);
  }

  @Override
  public String toString() {
    // One log line: slow query 812.4 ms at Foo.bar:12: select ... [<string>, <integer>]
    return String.format(
        Locale.ROOT, "slow query %.1f ms at %s: %s %s", elapsedNanos / 1e6, callSite, sql, parameters);
  }
}
