package dev.hotpath.concurrency;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Per-stage statistics of a {@link Pipeline} run, source first, sink last. Immutable; built by the
 * run.
 *
 * <pre>{@code
 * PipelineStats stats = run.await();
 * System.out.println("bottleneck: " + stats.slowest().name());
 * }</pre>
 */
public final class PipelineStats {
  private final List<StageStats> stages;
  private final long elapsedNanos;

  PipelineStats(List<StageStats> stages, long elapsedNanos) {
    this.stages = List.copyOf(stages);
    this.elapsedNanos = elapsedNanos;
  }

  /** One entry per stage, in pipeline order. */
  public List<StageStats> stages() {
    return stages;
  }

  /** Time since the run started, or its whole duration once finished. */
  public long elapsedNanos() {
    return elapsedNanos;
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

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof PipelineStats o)) {
      return false;
    }
    return Objects.equals(stages, o.stages)
        && elapsedNanos == o.elapsedNanos;
  }

  @Override
  public int hashCode() {
    return Objects.hash(stages, elapsedNanos);
  }

  @Override
  public String toString() {
    return "PipelineStats["
        + "stages=" + stages
        + ", elapsedNanos=" + elapsedNanos
        + "]";
  }
}
