package dev.hotpath.metrics;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * An immutable latency distribution: count, min, max, mean, standard deviation and any percentile,
 * all in nanoseconds, within HdrHistogram's precision (3 significant digits).
 *
 * <p>Snapshots merge exactly ({@link #merge}): merging the snapshots of shards gives the same
 * distribution as recording everything into one, which averaging percentiles never does. They
 * travel as compressed base64 ({@link #toBase64()} / {@link #fromBase64(String)}).
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * LatencySnapshot all = LatencySnapshot.merge(List.of(shard1, shard2));
 * long p99 = all.percentile(99.0);       // nanoseconds
 * String wire = all.toBase64();          // into result.json
 * }</pre>
 */
public final class LatencySnapshot {
  private static final LatencySnapshot EMPTY = new LatencySnapshot(newHistogram());

  private final Histogram histogram; // never mutated after construction, never exposed

  private LatencySnapshot(Histogram histogram) {
    this.histogram = histogram;
  }

  /** The empty distribution. */
  public static LatencySnapshot empty() {
    return EMPTY;
  }

  /** A snapshot of the given values in nanoseconds (handy for tests and small samples). */
  public static LatencySnapshot of(long... nanos) {
    Histogram h = newHistogram();
    for (long v : nanos) {
      h.recordValue(Math.max(0, v));
    }
    return new LatencySnapshot(h);
  }

  static LatencySnapshot copyOf(Histogram source) {
    Histogram h = newHistogram();
    h.add(source);
    return new LatencySnapshot(h);
  }

  private static Histogram newHistogram() {
    return new Histogram(LatencyRecorder.SIGNIFICANT_DIGITS); // auto-resizing: no upper bound
  }

  /** Number of recorded values. */
  public long count() {
    return histogram.getTotalCount();
  }

  /** Whether nothing was recorded. */
  public boolean isEmpty() {
    return count() == 0;
  }

  /** Smallest value, or 0 when empty. */
  public long min() {
    return isEmpty() ? 0 : histogram.getMinValue();
  }

  /** Largest value (within precision), or 0 when empty. */
  public long max() {
    return isEmpty() ? 0 : histogram.getMaxValue();
  }

  /** Mean in nanoseconds, or 0 when empty. */
  public double mean() {
    return isEmpty() ? 0 : histogram.getMean();
  }

  /** Standard deviation in nanoseconds, or 0 when empty. */
  public double stdDev() {
    return isEmpty() ? 0 : histogram.getStdDeviation();
  }

  /**
   * The value at {@code percentile} (0 to 100): the smallest recorded value such that at least
   * that percentage of values are less than or equal to it. 0 when empty.
   *
   * @throws IllegalArgumentException if {@code percentile} is outside [0, 100]
   */
  public long percentile(double percentile) {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100], was " + percentile);
    }
    return isEmpty() ? 0 : histogram.getValueAtPercentile(percentile);
  }

  public long p50() {
    return percentile(50);
  }

  public long p75() {
    return percentile(75);
  }

  public long p90() {
    return percentile(90);
  }

  public long p95() {
    return percentile(95);
  }

  public long p99() {
    return percentile(99);
  }

  public long p999() {
    return percentile(99.9);
  }

  public long p9999() {
    return percentile(99.99);
  }

  /** The fraction (0 to 1) of values less than or equal to {@code nanos}. 0 when empty. */
  public double fractionAtOrBelow(long nanos) {
    return isEmpty() ? 0 : histogram.getPercentileAtOrBelowValue(nanos) / 100.0;
  }

  /**
   * The percentile spectrum for plotting on HdrHistogram's log axis: points at percentiles that
   * get denser towards 100% ({@code ticksPerHalfDistance} points per halving of the distance to
   * 100%, e.g. 5), ending with the maximum.
   */
  public List<SpectrumPoint> spectrum(int ticksPerHalfDistance) {
    if (ticksPerHalfDistance < 1) {
      throw new IllegalArgumentException("ticksPerHalfDistance must be >= 1, was " + ticksPerHalfDistance);
    }
    List<SpectrumPoint> points = new ArrayList<>();
    if (isEmpty()) {
      return points;
    }
    for (HistogramIterationValue v : histogram.percentiles(ticksPerHalfDistance)) {
      points.add(new SpectrumPoint(v.getPercentileLevelIteratedTo(), v.getValueIteratedTo(), v.getTotalCountToThisValue()));
    }
    return List.copyOf(points);
  }

  /** Receives one distinct recorded value and how often it was recorded. */
  @FunctionalInterface
  public interface ValueCountConsumer {
    void accept(long valueNanos, long count);
  }

  /**
   * Every distinct recorded value, ascending, with its count. Values are reported as {@link
   * #percentile} reports them (the highest value of their HdrHistogram bucket), so statistics
   * recomputed from these pairs (e.g. by a bootstrap) agree with this snapshot's own.
   */
  public void forEachValue(ValueCountConsumer consumer) {
    Objects.requireNonNull(consumer, "consumer");
    for (HistogramIterationValue v : histogram.recordedValues()) {
      consumer.accept(v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
    }
  }

  /** One point of a percentile spectrum: percentile (0-100), the value there, values up to it. */
  public record SpectrumPoint(double percentile, long valueNanos, long countAtOrBelow) {}

  /** This distribution plus {@code other}'s, exactly. */
  public LatencySnapshot merge(LatencySnapshot other) {
    Objects.requireNonNull(other, "other");
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Histogram h = histogram.copy();
    h.add(other.histogram);
    return new LatencySnapshot(h);
  }

  /** The exact union of all {@code snapshots}; empty for an empty collection. */
  public static LatencySnapshot merge(Collection<LatencySnapshot> snapshots) {
    Histogram h = newHistogram();
    for (LatencySnapshot s : snapshots) {
      h.add(s.histogram);
    }
    return new LatencySnapshot(h);
  }

  /** Compressed HdrHistogram V2 encoding, base64: compact and lossless. */
  public String toBase64() {
    ByteBuffer buf = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int len = histogram.encodeIntoCompressedByteBuffer(buf);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), len));
  }

  /**
   * Decodes {@link #toBase64()}'s output.
   *
   * @throws IllegalArgumentException if {@code base64} is not a compressed HdrHistogram
   */
  public static LatencySnapshot fromBase64(String base64) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64);
      Histogram decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
      return copyOf(decoded);
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException("not a base64 compressed HdrHistogram: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencySnapshot other && histogram.equals(other.histogram);
  }

  @Override
  public int hashCode() {
    return histogram.hashCode();
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "count=%d min=%s p50=%s p90=%s p99=%s p99.9=%s max=%s mean=%s",
        count(), Durations.format(min()), Durations.format(p50()), Durations.format(p90()),
        Durations.format(p99()), Durations.format(p999()), Durations.format(max()),
        Durations.format((long) mean()));
  }
}
