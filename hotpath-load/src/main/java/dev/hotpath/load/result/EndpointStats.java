package dev.hotpath.load.result;

import dev.hotpath.metrics.LatencySnapshot;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything measured for one endpoint (a request of the scenario, named e.g. {@code GET /users})
 * or, for {@link LoadResult#overall()}, for all of them together.
 *
 * <p>Accounting invariant: {@code planned == successes + errorCount() + dropped}. Latency is
 * measured from each request's intended start (open model; queueing included), service time from
 * the moment it was actually written to the connection; both hold every response received (any
 * status), not connect errors, timeouts or resets.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * EndpointStats all = result.overall();
 * System.out.printf("%.1f req/s, p99 %s%n", all.rps(), Durations.format(all.latency().p99()));
 * }</pre>
 *
 * @param name the endpoint's name; {@code "overall"} for the total
 * @param elapsed the measured time the counts refer to (warm-up excluded)
 * @param planned requests the plan asked for
 * @param successes responses with an expected status
 * @param errors failed requests by kind (kinds with no failure may be absent)
 * @param dropped planned requests never sent because the wait queue was full
 * @param statusCodes responses by HTTP status
 * @param bytesSent request bytes written (headers and body)
 * @param bytesReceived response bytes read (body)
 * @param latency completion minus intended start, nanoseconds
 * @param serviceTime completion minus actual send, nanoseconds
 * @param serverTiming each named {@code Server-Timing} metric the responses carried
 */
public record EndpointStats(
    String name,
    Duration elapsed,
    long planned,
    long successes,
    Map<ErrorKind, Long> errors,
    long dropped,
    Map<Integer, Long> statusCodes,
    long bytesSent,
    long bytesReceived,
    LatencySnapshot latency,
    LatencySnapshot serviceTime,
    Map<String, ServerTimingStats> serverTiming) {

  public EndpointStats {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(serviceTime, "serviceTime");
    EnumMap<ErrorKind, Long> e = new EnumMap<>(ErrorKind.class);
    e.putAll(errors);
    errors = Collections.unmodifiableMap(e);
    statusCodes = Collections.unmodifiableMap(new TreeMap<>(statusCodes));
    serverTiming = Collections.unmodifiableMap(new TreeMap<>(serverTiming));
  }

  /** All failed requests, whatever the kind. */
  public long errorCount() {
    long n = 0;
    for (long v : errors.values()) {
      n += v;
    }
    return n;
  }

  /** Requests that ended with a response or an error (planned minus dropped). */
  public long completed() {
    return successes + errorCount();
  }

  /** Completed requests per second over {@link #elapsed()}. */
  public double rps() {
    return perSecond(completed());
  }

  /** Successful requests per second over {@link #elapsed()}. */
  public double successRps() {
    return perSecond(successes);
  }

  /** Response bytes per second over {@link #elapsed()}. */
  public double bytesReceivedPerSecond() {
    return perSecond(bytesReceived);
  }

  /** Failed fraction of completed requests (0 to 1); 0 when nothing completed. */
  public double errorRate() {
    long c = completed();
    return c == 0 ? 0 : (double) errorCount() / c;
  }

  private double perSecond(long n) {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : n / s;
  }

  /**
   * The union of this and {@code other} (e.g. the same endpoint in two shards of one run): counts
   * add up, histograms merge exactly, and the elapsed time is the longer of the two (shards run
   * side by side).
   */
  public EndpointStats merge(EndpointStats other, String mergedName) {
    EnumMap<ErrorKind, Long> e = new EnumMap<>(ErrorKind.class);
    e.putAll(errors);
    other.errors.forEach((k, v) -> e.merge(k, v, Long::sum));
    TreeMap<Integer, Long> s = new TreeMap<>(statusCodes);
    other.statusCodes.forEach((k, v) -> s.merge(k, v, Long::sum));
    TreeMap<String, ServerTimingStats> t = new TreeMap<>(serverTiming);
    other.serverTiming.forEach((k, v) -> t.merge(k, v, ServerTimingStats::merge));
    return new EndpointStats(
        mergedName,
        elapsed.compareTo(other.elapsed) >= 0 ? elapsed : other.elapsed,
        planned + other.planned,
        successes + other.successes,
        e,
        dropped + other.dropped,
        s,
        bytesSent + other.bytesSent,
        bytesReceived + other.bytesReceived,
        latency.merge(other.latency),
        serviceTime.merge(other.serviceTime),
        t);
  }
}
