package dev.hotpath.load.internal;

import dev.hotpath.load.DurationParser;
import dev.hotpath.load.result.GeneratorHealth;
import dev.hotpath.metrics.Durations;
import dev.hotpath.metrics.LatencySnapshot;
import dev.hotpath.metrics.ResourceSample;
import dev.hotpath.metrics.ResourceSampler;
import dev.hotpath.metrics.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Judges whether the generator itself kept up: its schedule lag, its CPU (from hotpath-metrics'
 * {@link ResourceSampler}, sampled at the start and end of the run), its GC time, how many
 * requests waited for a connection, a late start and the last protocol error. Not thread-safe:
 * the engine's thread only.
 */
final class HealthCheck {
  static final long LAG_LIMIT_NANOS = 10_000_000L;
  static final double CPU_LIMIT = 0.90;

  private final ResourceSampler sampler;
  private final int cores = Runtime.getRuntime().availableProcessors();
  private @Nullable ResourceSample before;
  private volatile @Nullable Throwable lastProtocolError;

  HealthCheck(Ticker ticker) {
    this.sampler = new ResourceSampler(ticker);
  }

  /** Takes the starting reading (CPU time, GC) when the clock starts. */
  void start() {
    before = sampler.sample();
  }

  /** Any thread: remembers a protocol error to show as a warning. */
  void protocolError(Throwable cause) {
    lastProtocolError = cause;
  }

  /** The last protocol error seen (e.g. ALPN chose another protocol), or null. */
  @Nullable Throwable lastProtocolError() {
    return lastProtocolError;
  }

  /**
   * The verdict at the end of a run of {@code runNanos}.
   *
   * @param planned measured planned requests
   * @param queueWaits measured requests that waited for a free connection (open model)
   * @param startLate how long after {@code --start-at} the run began
   */
  GeneratorHealth assess(LatencySnapshot lag, long runNanos, boolean openModel, long planned, long queueWaits,
      Duration startLate) {
    ResourceSample after = sampler.sample();
    ResourceSample b = before == null ? after : before;
    double cpu = runNanos <= 0 || after.processCpuNanos() < 0
        ? 0 : (after.processCpuNanos() - b.processCpuNanos()) / (double) runNanos / cores;
    long gcCount = after.gcCount() - b.gcCount();
    Duration gcTime = Duration.ofMillis(after.gcTimeMillis() - b.gcTimeMillis());
    List<String> warnings = new ArrayList<>();
    boolean trustworthy = true;
    if (lag.p99() > LAG_LIMIT_NANOS) {
      trustworthy = false;
      warnings.add(String.format(Locale.ROOT,
          "the generator sent late: schedule lag p99 %s, max %s (it could not keep up with the plan; latencies include its own delay; the intervals' lag shows when)",
          Durations.format(lag.p99()), Durations.format(lag.max())));
    }
    if (cpu > CPU_LIMIT) {
      trustworthy = false;
      warnings.add(String.format(Locale.ROOT, "the generator used %.0f%% of all CPU cores: it may be the bottleneck", cpu * 100));
    }
    if (runNanos > 0 && gcTime.toNanos() > runNanos / 20) {
      trustworthy = false;
      warnings.add("the generator spent " + gcTime.toMillis() + " ms in GC (over 5% of the run)");
    }
    if (openModel && planned > 0 && queueWaits * 100 > planned) {
      warnings.add(String.format(Locale.ROOT,
          "%.1f%% of requests waited for a free connection (raise --connections); the wait is part of their latency",
          100.0 * queueWaits / planned));
    }
    if (startLate.compareTo(Duration.ofSeconds(1)) > 0) {
      warnings.add("started " + DurationParser.format(startLate)
          + " after --start-at: this shard's arrivals are shifted against the others'");
    }
    Throwable pe = lastProtocolError;
    if (pe != null) {
      warnings.add("last protocol error: " + pe.getMessage());
    }
    return new GeneratorHealth(lag, Math.max(0, cpu), gcCount, gcTime, trustworthy, warnings);
  }
}
