package dev.hotpath.concurrency;

/**
 * What one {@link Pipeline} stage did: elements in and out, and busy time (time spent in the
 * stage's own function, summed over its threads; waiting on buffers is not busy). Immutable.
 *
 * <p>The stage with the highest {@link #utilization()} is the bottleneck: adding parallelism there
 * (or making it cheaper) is what speeds the pipeline up.
 *
 * @param name the stage's name
 * @param parallelism threads running the stage's function
 * @param elementsIn elements taken from the upstream buffer (0 for the source)
 * @param elementsOut elements passed downstream (0 for the sink)
 * @param busyNanos time spent in the stage's function, over all its threads
 * @param elapsedNanos time since the pipeline started (or its whole run, once finished)
 */
public record StageStats(
    String name,
    int parallelism,
    long elementsIn,
    long elementsOut,
    long busyNanos,
    long elapsedNanos) {

  /** Fraction of the available thread time the stage was busy, 0..1 (more under clock skew). */
  public double utilization() {
    return elapsedNanos <= 0 ? 0 : (double) busyNanos / ((double) elapsedNanos * parallelism);
  }

  /** Elements processed per second of wall time (in for sinks, out otherwise). */
  public double throughputPerSecond() {
    long processed = Math.max(elementsIn, elementsOut);
    return elapsedNanos <= 0 ? 0 : processed * 1e9 / elapsedNanos;
  }
}
