package dev.hotpath.concurrency;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link WorkerPool#shutdown(java.time.Duration)} achieved: every task the pool accepted
 * either ran (or was running when the deadline passed) or is in {@link #notRun()}.
 *
 * <p>The not-run tasks are handed back as the caller submitted them, so they can be persisted,
 * resubmitted elsewhere, or run here. Their futures (returned by {@code submit}) stay incomplete
 * until {@link #cancelNotRun()} cancels them; {@link WorkerPool#close()} does that itself.
 * Immutable and thread-safe; built by the pool.
 *
 * <pre>{@code
 * ShutdownReport report = pool.shutdown(Duration.ofSeconds(10));
 * for (Object task : report.notRun()) {
 *   outbox.save((Runnable) task); // what was given to submit(Runnable) or execute
 * }
 * report.cancelNotRun();
 * }</pre>
 */
public final class ShutdownReport {
  private final List<WorkerPool.Job<?>> jobs;
  private final List<Object> notRun;
  private final boolean drained;
  private final int interruptedWorkers;

  ShutdownReport(List<WorkerPool.Job<?>> jobs, boolean drained, int interruptedWorkers) {
    this.jobs = List.copyOf(jobs);
    List<Object> tasks = new ArrayList<>(jobs.size());
    for (WorkerPool.Job<?> job : jobs) {
      tasks.add(job.submitted);
    }
    this.notRun = List.copyOf(tasks);
    this.drained = drained;
    this.interruptedWorkers = interruptedWorkers;
  }

  /**
   * The tasks still queued at the deadline, in submission order: each is the very {@link Runnable}
   * or {@link java.util.concurrent.Callable} that was given to {@code submit} or {@code execute}.
   */
  public List<Object> notRun() {
    return notRun;
  }

  /** True when the queue emptied and every worker ended before the deadline. */
  public boolean drained() {
    return drained;
  }

  /** Workers that were still running a task at the deadline and were interrupted. */
  public int interruptedWorkers() {
    return interruptedWorkers;
  }

  /**
   * Cancels the futures of every not-run task (they complete with a {@link
   * java.util.concurrent.CancellationException}) and returns how many there were.
   */
  public int cancelNotRun() {
    for (WorkerPool.Job<?> job : jobs) {
      job.future.cancel(false);
    }
    return jobs.size();
  }

  @Override
  public String toString() {
    return "ShutdownReport[notRun=" + notRun.size() + ", drained=" + drained + ", interruptedWorkers="
        + interruptedWorkers + "]";
  }
}
