package dev.hotpath.load.result;

import dev.hotpath.metrics.LatencySnapshot;
import java.util.Objects;

/**
 * The distribution of one named W3C {@code Server-Timing} metric's {@code dur} (converted to
 * nanoseconds) over the responses of an endpoint, e.g. {@code db}. Count, mean and percentiles all
 * come from the histogram, so shards merge exactly.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * ServerTimingStats db = endpoint.serverTiming().get("db");
 * System.out.println(db.count() + " responses, p99 " + Durations.format(db.duration().p99()));
 * }</pre>
 *
 * @param duration the {@code dur} values, in nanoseconds
 */
public record ServerTimingStats(LatencySnapshot duration) {
  public ServerTimingStats {
    Objects.requireNonNull(duration, "duration");
  }

  /** How many responses carried this metric. */
  public long count() {
    return duration.count();
  }

  /** This metric's values plus {@code other}'s. */
  public ServerTimingStats merge(ServerTimingStats other) {
    return new ServerTimingStats(duration.merge(other.duration));
  }
}
