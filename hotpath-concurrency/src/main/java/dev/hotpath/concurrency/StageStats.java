package dev.hotpath.concurrency;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link Pipeline} stage did: elements in and out, and busy time (time spent in the
 * stage's own function, summed over its threads; waiting on buffers is not busy). Immutable; built
 * by the run.
 *
 * <p>The stage with the highest {@link #utilization()} is the bottleneck: adding parallelism there
 * (or making it cheaper) is what speeds the pipeline up.
 *
 * <pre>{@code
 * StageStats parse = run.stats().stage("parse");
 * System.out.printf("%s %.0f%% busy, %.0f/s%n", parse.name(), 100 * parse.utilization(), parse.throughputPerSecond());
 * }</pre>
 */
public final class StageStats {
  private final String name;
  private final int parallelism;
  private final long elementsIn;
  private final long elementsOut;
  private final long busyNanos;
  private final long elapsedNanos;

  StageStats(String name, int parallelism, long elementsIn, long elementsOut, long busyNanos, long elapsedNanos) {
    this.name = name;
    this.parallelism = parallelism;
    this.elementsIn = elementsIn;
    this.elementsOut = elementsOut;
    this.busyNanos = busyNanos;
    this.elapsedNanos = elapsedNanos;
  }

  /** The stage's name. */
  public String name() {
    return name;
  }

  /** Threads running the stage's function. */
  public int parallelism() {
    return parallelism;
  }

  /** Elements taken from the upstream buffer (0 for the source). */
  public long elementsIn() {
    return elementsIn;
  }

  /** Elements passed downstream (0 for the sink). */
  public long elementsOut() {
    return elementsOut;
  }

  /** Time spent in the stage's function, over all its threads. */
  public long busyNanos() {
    return busyNanos;
  }

  /** Time since the pipeline started (or its whole run, once finished). */
  public long elapsedNanos() {
    return elapsedNanos;
  }

  /** Fraction of the available thread time the stage was busy, 0..1 (more under clock skew). */
  public double utilization() {
    return elapsedNanos <= 0 ? 0 : (double) busyNanos / ((double) elapsedNanos * parallelism);
  }

  /** Elements processed per second of wall time (in for sinks, out otherwise). */
  public double throughputPerSecond() {
    long processed = Math.max(elementsIn, elementsOut);
    return elapsedNanos <= 0 ? 0 : processed * 1e9 / elapsedNanos;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof StageStats o)) {
      return false;
    }
    return Objects.equals(name, o.name)
        && parallelism == o.parallelism
        && elementsIn == o.elementsIn
        && elementsOut == o.elementsOut
        && busyNanos == o.busyNanos
        && elapsedNanos == o.elapsedNanos;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, parallelism, elementsIn, elementsOut, busyNanos, elapsedNanos);
  }

  @Override
  public String toString() {
    return "StageStats["
        + "name=" + name
        + ", parallelism=" + parallelism
        + ", elementsIn=" + elementsIn
        + ", elementsOut=" + elementsOut
        + ", busyNanos=" + busyNanos
        + ", elapsedNanos=" + elapsedNanos
        + "]";
  }
}
