package dev.hotpath.concurrency;

import java.util.Comparator;
import java.util.List;

/**
 * Per-stage statistics of a {@link Pipeline} run, source first, sink last. Immutable.
 *
 * @param stages one entry per stage, in pipeline order
 * @param elapsedNanos time since the run started, or its whole duration once finished
 */
public record PipelineStats(List<StageStats> stages, long elapsedNanos) {

  /** Copies {@code stages}. */
  public PipelineStats {
    stages = List.copyOf(stages);
  }

  /** The stage with the highest utilization: the bottleneck. */
  public StageStats slowest() {
    return stages.stream()
        .max(Comparator.comparingDouble(s -> (double) s.busyNanos() / s.parallelism()))
        .orElseThrow();
  }

  /** The stage named {@code name}. */
  public StageStats stage(String name) {
    return stages.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no stage named " + name + " in " + stages));
  }
}
