package dev.hotpath.load.result;

import dev.hotpath.metrics.LatencySnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How well the load generator itself kept up. When it is the bottleneck (sends late against the
 * plan, CPU saturated, long GC pauses) the measured latencies describe the generator, not the
 * server: {@link #trustworthy()} is then false and {@link #warnings()} say why.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * if (!result.generator().trustworthy()) result.generator().warnings().forEach(System.err::println);
 * }</pre>
 *
 * @param scheduleLag how late the generator handled each planned send relative to its intended
 *     start (open model; empty for the closed model), in nanoseconds
 * @param cpuUsage the generator process's CPU use over the run, as a fraction of all cores (0 to 1)
 * @param gcCount garbage collections during the run
 * @param gcTime total time spent in garbage collection during the run
 * @param trustworthy false when the generator was itself a bottleneck
 * @param warnings one line per reason the results may not be trustworthy
 */
public record GeneratorHealth(
    LatencySnapshot scheduleLag,
    double cpuUsage,
    long gcCount,
    Duration gcTime,
    boolean trustworthy,
    List<String> warnings) {
  public GeneratorHealth {
    Objects.requireNonNull(scheduleLag, "scheduleLag");
    Objects.requireNonNull(gcTime, "gcTime");
    warnings = List.copyOf(warnings);
  }

  /** Health of a generator about which nothing is known (e.g. after merging shards). */
  public static GeneratorHealth unknown() {
    return new GeneratorHealth(LatencySnapshot.empty(), 0, 0, Duration.ZERO, true, List.of());
  }
}
