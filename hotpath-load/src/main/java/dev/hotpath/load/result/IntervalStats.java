package dev.hotpath.load.result;

import dev.hotpath.metrics.LatencySnapshot;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One slice of the run's time series (all endpoints together): what completed between {@link
 * #start()} and {@code start + length}, measured from the end of warm-up.
 *
 * <p>The histograms are held compressed (a full histogram is ~100 KB in memory, its compressed
 * form ~1 KB), so a long run's series stays small; {@link #latency()} decodes on each call.
 * Long runs coalesce neighbouring intervals, so lengths may differ within one series.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * for (IntervalStats i : result.intervals()) System.out.println(i.start() + " " + i.latency().p99());
 * }</pre>
 */
public final class IntervalStats {
  private final Duration start;
  private final Duration length;
  private final long completed;
  private final long successes;
  private final long errors;
  private final long dropped;
  private final long bytesReceived;
  private final String latencyBase64;
  private final String serviceTimeBase64;
  private final GeneratorSample generator;
  private final Map<ErrorKind, Long> errorsByKind;

  /** An interval from decoded histograms. */
  public IntervalStats(
      Duration start,
      Duration length,
      long completed,
      long successes,
      long errors,
      long dropped,
      long bytesReceived,
      LatencySnapshot latency,
      LatencySnapshot serviceTime) {
    this(start, length, completed, successes, errors, dropped, bytesReceived,
        latency.toBase64(), serviceTime.toBase64(), GeneratorSample.NONE, Map.of());
  }

  private IntervalStats(
      Duration start,
      Duration length,
      long completed,
      long successes,
      long errors,
      long dropped,
      long bytesReceived,
      String latencyBase64,
      String serviceTimeBase64,
      GeneratorSample generator,
      Map<ErrorKind, Long> errorsByKind) {
    this.start = Objects.requireNonNull(start, "start");
    this.length = Objects.requireNonNull(length, "length");
    this.completed = completed;
    this.successes = successes;
    this.errors = errors;
    this.dropped = dropped;
    this.bytesReceived = bytesReceived;
    this.latencyBase64 = Objects.requireNonNull(latencyBase64, "latencyBase64");
    this.serviceTimeBase64 = Objects.requireNonNull(serviceTimeBase64, "serviceTimeBase64");
    this.generator = Objects.requireNonNull(generator, "generator");
    EnumMap<ErrorKind, Long> kinds = new EnumMap<>(ErrorKind.class);
    errorsByKind.forEach((k, v) -> {
      if (v != 0) {
        kinds.put(k, v);
      }
    });
    this.errorsByKind = Collections.unmodifiableMap(kinds);
  }

  /**
   * An interval from compressed histograms as found in result.json.
   *
   * @throws IllegalArgumentException if a histogram is not valid base64 HdrHistogram
   */
  public static IntervalStats ofEncoded(
      Duration start,
      Duration length,
      long completed,
      long successes,
      long errors,
      long dropped,
      long bytesReceived,
      String latencyBase64,
      String serviceTimeBase64) {
    LatencySnapshot.fromBase64(latencyBase64); // validate now, not when someone reads it
    LatencySnapshot.fromBase64(serviceTimeBase64);
    return new IntervalStats(start, length, completed, successes, errors, dropped, bytesReceived,
        latencyBase64, serviceTimeBase64, GeneratorSample.NONE, Map.of());
  }

  /** This interval with the generator's own figures for it. */
  public IntervalStats withGenerator(GeneratorSample generator) {
    return new IntervalStats(start, length, completed, successes, errors, dropped, bytesReceived,
        latencyBase64, serviceTimeBase64, generator, errorsByKind);
  }

  /** This interval with its failed requests by kind (kinds with no failure may be absent). */
  public IntervalStats withErrorsByKind(Map<ErrorKind, Long> errorsByKind) {
    return new IntervalStats(start, length, completed, successes, errors, dropped, bytesReceived,
        latencyBase64, serviceTimeBase64, generator, errorsByKind);
  }

  /**
   * The failed requests of this interval by kind ({@code http_5xx}, {@code timeout}, ...); only
   * kinds that occurred. Empty in results written before this was recorded, even when {@link
   * #errors()} is not 0.
   */
  public Map<ErrorKind, Long> errorsByKind() {
    return errorsByKind;
  }

  /** What the load generator did in this interval: its schedule lag, in-flight requests, open connections, target rate. */
  public GeneratorSample generator() {
    return generator;
  }

  /** Offset of this interval from the end of warm-up. */
  public Duration start() {
    return start;
  }

  public Duration length() {
    return length;
  }

  /** Requests that completed (success or error) in this interval. */
  public long completed() {
    return completed;
  }

  public long successes() {
    return successes;
  }

  public long errors() {
    return errors;
  }

  /** Requests dropped (wait queue full) in this interval. */
  public long dropped() {
    return dropped;
  }

  public long bytesReceived() {
    return bytesReceived;
  }

  /** Completed requests per second in this interval. */
  public double rps() {
    double s = length.toNanos() / 1e9;
    return s <= 0 ? 0 : completed / s;
  }

  /** Latency (from intended start) of the responses in this interval. Decodes on each call. */
  public LatencySnapshot latency() {
    return LatencySnapshot.fromBase64(latencyBase64);
  }

  /** Service time (from actual send) of the responses in this interval. Decodes on each call. */
  public LatencySnapshot serviceTime() {
    return LatencySnapshot.fromBase64(serviceTimeBase64);
  }

  /** {@link #latency()} as compressed base64, without decoding. */
  public String latencyBase64() {
    return latencyBase64;
  }

  /** {@link #serviceTime()} as compressed base64, without decoding. */
  public String serviceTimeBase64() {
    return serviceTimeBase64;
  }

  /**
   * This interval and the one right after it as one: counts add up, histograms merge, the length
   * spans both. Also merges the same interval of two shards when {@code next} starts at the same
   * offset (the length is then the longer one).
   */
  public IntervalStats merge(IntervalStats next) {
    Duration end = start.plus(length);
    Duration nextEnd = next.start.plus(next.length);
    Duration s = start.compareTo(next.start) <= 0 ? start : next.start;
    Duration e = end.compareTo(nextEnd) >= 0 ? end : nextEnd;
    GeneratorSample g = start.equals(next.start)
        ? generator.plus(next.generator) // the same interval of two shards
        : generator.merge(next.generator, (double) length.toNanos(), (double) next.length.toNanos());
    return new IntervalStats(
        s,
        e.minus(s),
        completed + next.completed,
        successes + next.successes,
        errors + next.errors,
        dropped + next.dropped,
        bytesReceived + next.bytesReceived,
        latency().merge(next.latency()).toBase64(),
        serviceTime().merge(next.serviceTime()).toBase64(),
        g,
        sum(errorsByKind, next.errorsByKind));
  }

  private static Map<ErrorKind, Long> sum(Map<ErrorKind, Long> a, Map<ErrorKind, Long> b) {
    EnumMap<ErrorKind, Long> out = new EnumMap<>(ErrorKind.class);
    out.putAll(a);
    b.forEach((k, v) -> out.merge(k, v, Long::sum));
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntervalStats i
        && start.equals(i.start) && length.equals(i.length) && completed == i.completed
        && successes == i.successes && errors == i.errors && dropped == i.dropped
        && bytesReceived == i.bytesReceived && latencyBase64.equals(i.latencyBase64)
        && serviceTimeBase64.equals(i.serviceTimeBase64) && generator.equals(i.generator)
        && errorsByKind.equals(i.errorsByKind);
  }

  @Override
  public int hashCode() {
    return Objects.hash(start, length, completed, successes, errors, dropped, bytesReceived, latencyBase64);
  }

  @Override
  public String toString() {
    return "IntervalStats[start=" + start + ", length=" + length + ", completed=" + completed
        + ", errors=" + errors + ", dropped=" + dropped + "]";
  }
}
