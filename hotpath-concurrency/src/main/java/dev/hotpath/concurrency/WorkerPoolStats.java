package dev.hotpath.concurrency;

/**
 * A point-in-time reading of a {@link WorkerPool}'s counters; all counts are cumulative since the
 * pool started. Immutable.
 *
 * <p>Wait time is from submission until a worker starts the task (queueing delay); run time is the
 * task's own execution. Tasks run by the caller under {@link Backpressure#CALLER_RUNS} count as
 * run (with zero wait) and also in {@link #callerRuns()}.
 *
 * @param queueDepth tasks waiting for a worker now
 * @param active tasks running on workers now
 * @param submitted tasks accepted (queued or run by the caller)
 * @param completed tasks that finished, normally or with an exception
 * @param failed tasks that threw
 * @param rejected submissions refused (queue full, block timeout, or shut down)
 * @param callerRuns tasks run on the submitting thread
 * @param totalWaitNanos sum of all wait times
 * @param maxWaitNanos longest wait
 * @param totalRunNanos sum of all run times
 * @param maxRunNanos longest run
 */
public record WorkerPoolStats(
    int queueDepth,
    int active,
    long submitted,
    long completed,
    long failed,
    long rejected,
    long callerRuns,
    long totalWaitNanos,
    long maxWaitNanos,
    long totalRunNanos,
    long maxRunNanos) {

  /** Mean wait from submission to start, in nanoseconds; 0 when nothing completed. */
  public double meanWaitNanos() {
    return completed == 0 ? 0 : (double) totalWaitNanos / completed;
  }

  /** Mean run time, in nanoseconds; 0 when nothing completed. */
  public double meanRunNanos() {
    return completed == 0 ? 0 : (double) totalRunNanos / completed;
  }
}
