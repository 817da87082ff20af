package dev.hotpath.concurrency;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A point-in-time reading of a {@link WorkerPool}'s counters; all counts are cumulative since the
 * pool started. Immutable; built by the pool (new counters may be added without breaking callers).
 *
 * <p>Wait time is from submission until a worker starts the task (queueing delay); run time is the
 * task's own execution. Tasks run by the caller under {@link Backpressure#CALLER_RUNS} count as
 * run (with zero wait) and also in {@link #callerRuns()}.
 *
 * <pre>{@code
 * WorkerPoolStats s = pool.stats();
 * log.info("queue {} active {} rejected {} mean wait {} ns", s.queueDepth(), s.active(), s.rejected(), s.meanWaitNanos());
 * }</pre>
 */
public final class WorkerPoolStats {
  private final int queueDepth;
  private final int active;
  private final long submitted;
  private final long completed;
  private final long failed;
  private final long rejected;
  private final long callerRuns;
  private final long totalWaitNanos;
  private final long maxWaitNanos;
  private final long totalRunNanos;
  private final long maxRunNanos;

  WorkerPoolStats(int queueDepth, int active, long submitted, long completed, long failed, long rejected, long callerRuns, long totalWaitNanos, long maxWaitNanos, long totalRunNanos, long maxRunNanos) {
    this.queueDepth = queueDepth;
    this.active = active;
    this.submitted = submitted;
    this.completed = completed;
    this.failed = failed;
    this.rejected = rejected;
    this.callerRuns = callerRuns;
    this.totalWaitNanos = totalWaitNanos;
    this.maxWaitNanos = maxWaitNanos;
    this.totalRunNanos = totalRunNanos;
    this.maxRunNanos = maxRunNanos;
  }

  /** Tasks waiting for a worker now. */
  public int queueDepth() {
    return queueDepth;
  }

  /** Tasks running on workers now. */
  public int active() {
    return active;
  }

  /** Tasks accepted (queued or run by the caller). */
  public long submitted() {
    return submitted;
  }

  /** Tasks that finished, normally or with an exception. */
  public long completed() {
    return completed;
  }

  /** Tasks that threw. */
  public long failed() {
    return failed;
  }

  /** Submissions refused (queue full, block timeout, interrupted while blocked, or shut down). */
  public long rejected() {
    return rejected;
  }

  /** Tasks run on the submitting thread. */
  public long callerRuns() {
    return callerRuns;
  }

  /** Sum of all wait times. */
  public long totalWaitNanos() {
    return totalWaitNanos;
  }

  /** Longest wait. */
  public long maxWaitNanos() {
    return maxWaitNanos;
  }

  /** Sum of all run times. */
  public long totalRunNanos() {
    return totalRunNanos;
  }

  /** Longest run. */
  public long maxRunNanos() {
    return maxRunNanos;
  }

  /** Mean wait from submission to start, in nanoseconds; 0 when nothing completed. */
  public double meanWaitNanos() {
    return completed == 0 ? 0 : (double) totalWaitNanos / completed;
  }

  /** Mean run time, in nanoseconds; 0 when nothing completed. */
  public double meanRunNanos() {
    return completed == 0 ? 0 : (double) totalRunNanos / completed;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof WorkerPoolStats o)) {
      return false;
    }
    return queueDepth == o.queueDepth
        && active == o.active
        && submitted == o.submitted
        && completed == o.completed
        && failed == o.failed
        && rejected == o.rejected
        && callerRuns == o.callerRuns
        && totalWaitNanos == o.totalWaitNanos
        && maxWaitNanos == o.maxWaitNanos
        && totalRunNanos == o.totalRunNanos
        && maxRunNanos == o.maxRunNanos;
  }

  @Override
  public int hashCode() {
    return Objects.hash(queueDepth, active, submitted, completed, failed, rejected, callerRuns, totalWaitNanos, maxWaitNanos, totalRunNanos, maxRunNanos);
  }

  @Override
  public String toString() {
    return "WorkerPoolStats["
        + "queueDepth=" + queueDepth
        + ", active=" + active
        + ", submitted=" + submitted
        + ", completed=" + completed
        + ", failed=" + failed
        + ", rejected=" + rejected
        + ", callerRuns=" + callerRuns
        + ", totalWaitNanos=" + totalWaitNanos
        + ", maxWaitNanos=" + maxWaitNanos
        + ", totalRunNanos=" + totalRunNanos
        + ", maxRunNanos=" + maxRunNanos
        + "]";
  }
}
