package dev.hotpath.monitor;

import dev.hotpath.metrics.Scope;
import java.util.Locale;
import java.util.Map;

/**
 * Formats the one-line slow-request log entry from a request's {@link Scope} measurements, e.g.
 * {@code GET /users/7/orders 312 ms (db 51 queries 280 ms, cache 0/1)}.
 *
 * <p>Conventional metrics get their own words: {@code db} timings read as queries, {@code
 * cache.hit}/{@code cache.miss} counts fold into {@code cache hits/lookups}, {@code http.client}
 * timings read as calls; any other timing reads {@code name N × T ms} and any other count {@code
 * name N}. Stateless and thread-safe.
 *
 * <pre>{@code
 * String line = SlowRequestLine.format("GET", "/users/7/orders", scope.elapsedNanos(), scope.measurements());
 * }</pre>
 */
public final class SlowRequestLine {
  private SlowRequestLine() {}

  /** The line for one request; {@code measurements} as from {@link Scope#measurements()}. */
  public static String format(
      String method, String path, long elapsedNanos, Map<String, Scope.Measurement> measurements) {
    StringBuilder sb = new StringBuilder(96);
    sb.append(method).append(' ').append(path).append(' ').append(millis(elapsedNanos)).append(" ms");
    StringBuilder parts = new StringBuilder();
    Scope.Measurement hit = measurements.getOrDefault("cache.hit", Scope.Measurement.NONE);
    Scope.Measurement miss = measurements.getOrDefault("cache.miss", Scope.Measurement.NONE);
    boolean cacheDone = false;
    for (Map.Entry<String, Scope.Measurement> e : measurements.entrySet()) {
      String name = e.getKey();
      Scope.Measurement m = e.getValue();
      if (name.equals("cache.hit") || name.equals("cache.miss")) {
        if (!cacheDone) {
          sep(parts).append("cache ").append(hit.count()).append('/').append(hit.count() + miss.count());
          cacheDone = true;
        }
        continue;
      }
      sep(parts).append(name).append(' ').append(m.count());
      if (m.totalNanos() > 0) {
        String unit =
            switch (name) {
              case "db" -> m.count() == 1 ? " query " : " queries ";
              case "http.client" -> m.count() == 1 ? " call " : " calls ";
              default -> " × ";
            };
        parts.append(unit).append(millis(m.totalNanos())).append(" ms");
      }
    }
    if (parts.length() > 0) {
      sb.append(" (").append(parts).append(')');
    }
    return sb.toString();
  }

  private static StringBuilder sep(StringBuilder parts) {
    return parts.length() == 0 ? parts : parts.append(", ");
  }

  private static String millis(long nanos) {
    long ms = nanos / 1_000_000;
    return ms >= 10 ? Long.toString(ms) : String.format(Locale.ROOT, "%.1f", nanos / 1e6);
  }
}
