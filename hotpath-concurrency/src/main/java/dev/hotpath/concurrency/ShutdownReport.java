package dev.hotpath.concurrency;

import java.util.List;

/**
 * What a {@link WorkerPool#shutdown(java.time.Duration)} achieved: every task the pool accepted
 * either ran (or was running when the deadline passed) or is in {@link #notRun()}.
 *
 * <p>Each not-run task is a {@link Runnable} that, when run, executes the original task and
 * completes the future {@code submit} returned; so the caller can run them elsewhere, persist them,
 * or cancel them with {@link #cancelNotRun()}. Until then their futures stay incomplete. Immutable.
 *
 * @param notRun the tasks still queued at the deadline, in submission order
 * @param drained true when the queue emptied and every worker ended before the deadline
 * @param interruptedWorkers workers that were still running a task at the deadline and were interrupted
 */
public record ShutdownReport(List<Runnable> notRun, boolean drained, int interruptedWorkers) {

  /** Copies {@code notRun}. */
  public ShutdownReport {
    notRun = List.copyOf(notRun);
  }

  /**
   * Cancels the futures of every not-run task (they complete with a {@link
   * java.util.concurrent.CancellationException}) and returns how many there were.
   */
  public int cancelNotRun() {
    for (Runnable task : notRun) {
      if (task instanceof WorkerPool.Job<?> job) {
        job.future.cancel(false);
      }
    }
    return notRun.size();
  }
}
