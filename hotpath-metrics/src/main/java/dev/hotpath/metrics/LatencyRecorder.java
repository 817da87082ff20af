package dev.hotpath.metrics;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Records latencies from any number of threads into an HdrHistogram and hands out interval
 * snapshots: the hot path records, a reader periodically takes what was recorded since its last
 * snapshot. Nothing per value is kept, so memory is bounded however long it runs.
 *
 * <p>Guarantees: {@link #record} is wait-free and allocation-free (except, rarely, when a value
 * beyond everything seen so far makes the histogram grow); values are kept to 3 significant
 * decimal digits (0.1% relative error) from 1 ns upward with no upper limit, so nothing is clamped.
 * {@link #intervalSnapshot()} may be called from one reader thread at a time.
 *
 * <pre>{@code
 * LatencyRecorder recorder = new LatencyRecorder();
 * recorder.record(System.nanoTime() - start);       // from any thread
 * LatencySnapshot lastSecond = recorder.intervalSnapshot();  // from the reporting thread
 * }</pre>
 */
public final class LatencyRecorder {
  static final int SIGNIFICANT_DIGITS = 3;

  private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
  private @Nullable Histogram recycled;

  /** An empty recorder. */
  public LatencyRecorder() {}

  /** Records one latency in nanoseconds; negative values (a clock oddity) count as zero. */
  public void record(long nanos) {
    recorder.recordValue(nanos < 0 ? 0 : nanos);
  }

  /** Records one latency. */
  public void record(Duration latency) {
    record(latency.toNanos());
  }

  /** Records {@code count} latencies of {@code nanos} each. */
  public void record(long nanos, long count) {
    recorder.recordValueWithCount(nanos < 0 ? 0 : nanos, count);
  }

  /**
   * Returns everything recorded since the previous call (or since creation) and starts a new
   * interval. Values recorded concurrently land in exactly one interval.
   */
  public synchronized LatencySnapshot intervalSnapshot() {
    Histogram interval = recorder.getIntervalHistogram(recycled);
    LatencySnapshot snapshot = LatencySnapshot.copyOf(interval);
    recycled = interval;
    return snapshot;
  }
}
