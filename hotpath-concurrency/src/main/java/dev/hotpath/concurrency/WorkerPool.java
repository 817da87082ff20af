package dev.hotpath.concurrency;

import static dev.hotpath.metrics.ConfigChecks.require;

import dev.hotpath.metrics.Durations;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencySnapshot;
import dev.hotpath.metrics.Ticker;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A fixed set of worker threads (platform or virtual) fed by one bounded queue, with an explicit
 * {@link Backpressure} policy, futures for results, and a shutdown that loses nothing.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>{@link #submit(Callable)} either accepts the task (its future completes when it runs) or
 *       throws {@link RejectedExecutionException}; rejections are counted, never silent.
 *   <li>{@link #shutdown(Duration)} stops intake, lets workers drain the queue until the deadline,
 *       then interrupts workers still busy and returns every task that had not started in a
 *       {@link ShutdownReport}. Every accepted task either ran, was running at the deadline, or is
 *       in the report: none is dropped. Worker threads always end (no leaked workers).
 *   <li>Task failures complete the task's future exceptionally and never kill a worker.
 * </ul>
 *
 * <p>Unlike the guide's Go sketch, stopping does not abandon queued jobs or leave results unread,
 * and a full queue is a decision (block, reject, caller-runs) rather than an accident.
 *
 * <p>Thread-safe. {@code CompletableFuture.cancel} on a returned future prevents a task that has
 * not started from running, but does not interrupt one that is running.
 *
 * <pre>{@code
 * try (WorkerPool pool = WorkerPool.create("resize", WorkerPoolConfig.builder()
 *     .workers(4).queueCapacity(500).backpressure(Backpressure.CALLER_RUNS).build())) {
 *   CompletableFuture<Image> thumb = pool.submit(() -> resize(image));
 *   ...
 * } // close(): drains for shutdownTimeout, cancels what did not run (and logs how many)
 * }</pre>
 */
public final class WorkerPool implements Executor, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());
  /** Tells one worker to end; queued behind every accepted task. */
  private static final Object STOP_PILL = new Object();
  private static final long BLOCK_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private static final int RUNNING = 0;
  private static final int SHUTTING_DOWN = 1;
  private static final int STOPPED = 2;

  private final String name;
  private final WorkerPoolConfig config;
  private final Ticker ticker;
  private final BlockingQueue<Object> queue; // jobs and stop pills
  private final List<Worker> workers;
  private final CountDownLatch terminated;
  private final AtomicInteger submitting = new AtomicInteger();
  private final Object shutdownLock = new Object();
  private volatile int state = RUNNING;
  private @Nullable ShutdownReport shutdownReport; // guarded by shutdownLock

  private final AtomicInteger active = new AtomicInteger();
  private final LongAdder submitted = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder callerRuns = new LongAdder();
  private final LongAdder totalWait = new LongAdder();
  private final LongAdder totalRun = new LongAdder();
  private final LongAccumulator maxWait = new LongAccumulator(Math::max, 0);
  private final LongAccumulator maxRun = new LongAccumulator(Math::max, 0);
  private final LatencyRecorder waitTimes = new LatencyRecorder();
  private final LatencyRecorder runTimes = new LatencyRecorder();

  private WorkerPool(String name, WorkerPoolConfig config, Ticker ticker) {
    Objects.requireNonNull(name, "name");
    require(!name.isBlank(), "WorkerPool name", "non-blank", "'" + name + "'");
    this.name = name;
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.queue = new LinkedBlockingQueue<>(config.queueCapacity());
    this.terminated = new CountDownLatch(config.workers());
    Thread.Builder builder = config.threads().builder(name + "-");
    List<Worker> list = new ArrayList<>(config.workers());
    for (int i = 0; i < config.workers(); i++) {
      Worker worker = new Worker();
      worker.thread = builder.unstarted(worker);
      list.add(worker);
    }
    this.workers = List.copyOf(list);
    for (Worker worker : workers) {
      worker.thread.start();
    }
  }

  /**
   * Starts a pool named {@code name} (its threads' name prefix, and in messages) with {@code
   * config}, measuring wait and run times with the system ticker.
   */
  public static WorkerPool create(String name, WorkerPoolConfig config) {
    return new WorkerPool(name, config, Ticker.system());
  }

  /** Starts a pool as {@link #create(String, WorkerPoolConfig)}, measuring times with {@code ticker}. */
  public static WorkerPool create(String name, WorkerPoolConfig config, Ticker ticker) {
    return new WorkerPool(name, config, ticker);
  }

  /** This pool's name. */
  public String name() {
    return name;
  }

  /** This pool's settings. */
  public WorkerPoolConfig config() {
    return config;
  }

  /**
   * Submits {@code task}; the returned future completes with its result or exception.
   *
   * @throws RejectedExecutionException when the queue is full (after waiting, under {@link
   *     Backpressure#BLOCK}) or the pool is shutting down
   */
  public <T extends @Nullable Object> CompletableFuture<T> submit(Callable<T> task) {
    return enqueue(new Job<>(Objects.requireNonNull(task, "task"), task, ticker.read()));
  }

  /** Submits {@code task}; like {@link #submit(Callable)}, the future completes with {@code null}. */
  public CompletableFuture<@Nullable Void> submit(Runnable task) {
    Objects.requireNonNull(task, "task");
    Callable<@Nullable Void> call =
        () -> {
          task.run();
          return null;
        };
    return enqueue(new Job<>(call, task, ticker.read()));
  }

  private <T extends @Nullable Object> CompletableFuture<T> enqueue(Job<T> job) {
    if (state != RUNNING) { // checked before touching the counter, so a shutdown never waits on late callers
      throw reject("it is shut down");
    }
    boolean queued;
    submitting.incrementAndGet();
    try {
      if (state != RUNNING) {
        throw reject("it is shut down");
      }
      // Room first, without waiting: an interrupted submitter is never refused a free slot.
      queued = queue.offer(job) || (config.backpressure() == Backpressure.BLOCK && offerBlocking(job));
      if (!queued && config.backpressure() != Backpressure.CALLER_RUNS) {
        throw reject(
            config.backpressure() == Backpressure.BLOCK
                ? "its queue (" + config.queueCapacity() + ") stayed full for " + config.blockTimeout()
                : "its queue (" + config.queueCapacity() + ") is full");
      }
      submitted.increment();
    } finally {
      submitting.decrementAndGet();
    }
    if (!queued) { // CALLER_RUNS, outside the submit section so shutdown need not wait for it
      callerRuns.increment();
      job.runCounted(this);
    }
    return job.future;
  }

  /**
   * Runs {@code task} as {@link #submit(Runnable)} does; since nobody holds a future, a failure is
   * logged at WARNING.
   *
   * @throws RejectedExecutionException as {@link #submit(Callable)}
   */
  @Override
  public void execute(Runnable task) {
    var unused =
        submit(task)
            .whenComplete(
            (ignored, failure) -> {
              if (failure != null) {
                LOG.log(Level.WARNING, "task in worker pool " + name + " failed", failure);
              }
            });
  }

  private boolean offerBlocking(Job<?> job) {
    long deadline = System.nanoTime() + Durations.toNanosSaturated(config.blockTimeout()); // wraps safely
    try {
      // Wait in slices so a shutdown is noticed quickly by blocked submitters.
      while (true) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        if (queue.offer(job, Math.min(remaining, BLOCK_SLICE_NANOS), TimeUnit.NANOSECONDS)) {
          return true;
        }
        if (state != RUNNING) {
          throw reject("it was shut down while the task waited for queue space");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw reject("the submitting thread was interrupted while waiting for queue space");
    }
  }

  private RejectedExecutionException reject(String why) {
    rejected.increment();
    return new RejectedExecutionException("worker pool " + name + " rejected a task: " + why);
  }

  /** A snapshot of the counters; cheap enough to poll for a dashboard. */
  public WorkerPoolStats stats() {
    int depth = queue.size();
    if (state != RUNNING) { // only then can stop markers be queued; count them out (rare, O(n))
      depth = 0;
      for (Object o : queue) {
        if (o != STOP_PILL) {
          depth++;
        }
      }
    }
    return new WorkerPoolStats(
        depth,
        active.get(),
        submitted.sum(),
        completed.sum(),
        failed.sum(),
        rejected.sum(),
        callerRuns.sum(),
        totalWait.sum(),
        maxWait.get(),
        totalRun.sum(),
        maxRun.get());
  }

  /**
   * The distribution of wait times (submission to start) of tasks that ran since the previous
   * call: an interval snapshot with percentiles. Call from one reader thread at a time.
   */
  public LatencySnapshot intervalWaitTimes() {
    return waitTimes.intervalSnapshot();
  }

  /**
   * The distribution of run times of tasks that ran since the previous call: an interval snapshot
   * with percentiles. Call from one reader thread at a time.
   */
  public LatencySnapshot intervalRunTimes() {
    return runTimes.intervalSnapshot();
  }

  /** Whether {@link #shutdown(Duration)} or {@link #close()} has been called. */
  public boolean isShutdown() {
    return state != RUNNING;
  }

  /** Whether every worker thread has ended. */
  public boolean isTerminated() {
    return terminated.getCount() == 0;
  }

  /** Waits up to {@code timeout} for every worker to end; returns whether they all did. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(Durations.toNanosSaturated(timeout), TimeUnit.NANOSECONDS);
  }

  /**
   * Stops accepting tasks, lets the workers drain the queue for up to {@code timeout}, then
   * interrupts workers still running and returns the tasks that never started.
   *
   * <p>Calling it again returns the first call's report. Waiting uses real time (not the ticker).
   * If the calling thread is interrupted, the drain is cut short as if the deadline had passed.
   */
  public ShutdownReport shutdown(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    synchronized (shutdownLock) {
      ShutdownReport previous = shutdownReport;
      if (previous != null) {
        return previous;
      }
      long deadline = System.nanoTime() + Math.max(0, Durations.toNanosSaturated(timeout)); // wraps safely
      state = SHUTTING_DOWN;
      // Submitters that saw RUNNING finish enqueueing (or notice the shutdown) within a slice, so
      // the stop pills below land behind every accepted task.
      awaitSubmitters();
      boolean drained = enqueuePills(deadline) && awaitWorkers(deadline);
      ShutdownReport report;
      if (drained) {
        report = new ShutdownReport(List.of(), true, 0);
      } else {
        state = STOPPED;
        List<Object> drainedQueue = new ArrayList<>();
        queue.drainTo(drainedQueue);
        List<Job<?>> left = new ArrayList<>(drainedQueue.size());
        for (Object o : drainedQueue) {
          if (o instanceof Job<?> job) {
            left.add(job);
          }
        }
        int interrupted = 0;
        for (Worker worker : workers) {
          if (worker.thread.isAlive()) {
            if (worker.busy) {
              interrupted++;
            }
            worker.thread.interrupt();
          }
        }
        report = new ShutdownReport(left, false, interrupted);
        if (!left.isEmpty() || interrupted > 0) {
          LOG.log(
              Level.INFO,
              "worker pool {0} did not drain within {1}: {2} tasks not run, {3} workers interrupted",
              name, timeout, left.size(), interrupted);
        }
      }
      shutdownReport = report;
      return report;
    }
  }

  // Yield rather than spin: on a busy box the submitter we wait for may need our core.
  @SuppressWarnings("ThreadPriorityCheck")
  private void awaitSubmitters() {
    while (submitting.get() != 0) {
      Thread.yield();
    }
  }

  private boolean enqueuePills(long deadline) {
    try {
      for (int i = 0; i < workers.size(); i++) {
        long remaining = deadline - System.nanoTime();
        if (!queue.offer(STOP_PILL, Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean awaitWorkers(long deadline) {
    try {
      return terminated.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Shuts down with {@link WorkerPoolConfig#shutdownTimeout()}; tasks that did not run have their
   * futures cancelled, and their number is logged at WARNING. Use {@link #shutdown(Duration)} to
   * get them back instead.
   */
  @Override
  public void close() {
    ShutdownReport report = shutdown(config.shutdownTimeout());
    int cancelled = report.cancelNotRun();
    if (cancelled > 0) {
      LOG.log(
          Level.WARNING,
          "worker pool {0} closed with {1} tasks not run; their futures were cancelled",
          name, cancelled);
    }
  }

  @Override
  public String toString() {
    return "WorkerPool[" + name + ", " + stats() + "]";
  }

  private final class Worker implements Runnable {
    @SuppressWarnings("NullAway.Init") // set right after construction, before start
    Thread thread;

    volatile boolean busy;

    @Override
    public void run() {
      try {
        while (state != STOPPED) {
          Object next;
          try {
            next = queue.take();
          } catch (InterruptedException e) {
            continue; // the loop condition decides: STOPPED ends the worker
          }
          if (next == STOP_PILL) {
            return;
          }
          busy = true;
          try {
            ((Job<?>) next).runCounted(WorkerPool.this);
          } finally {
            busy = false;
          }
          if (state != STOPPED) {
            Thread.interrupted(); // a task's stray interrupt must not leak into the next task
          }
        }
      } finally {
        terminated.countDown();
      }
    }
  }

  /** A queued task, the object the user submitted, and its future. */
  static final class Job<T extends @Nullable Object> {
    final Callable<T> task;
    final Object submitted; // the user's own Runnable or Callable, handed back by ShutdownReport
    final CompletableFuture<T> future = new CompletableFuture<>();
    final long submittedAt;

    Job(Callable<T> task, Object submitted, long submittedAt) {
      this.task = task;
      this.submitted = submitted;
      this.submittedAt = submittedAt;
    }

    /** Runs the task, counts it, then completes the future (so a completed future implies counted stats). */
    @SuppressWarnings("NullAway") // value holds task.call()'s result, itself a T
    void runCounted(WorkerPool pool) {
      if (future.isDone()) {
        return; // cancelled while queued
      }
      long start = pool.ticker.read();
      long wait = Math.max(0, start - submittedAt);
      pool.active.incrementAndGet();
      @Nullable T value = null;
      Throwable failure = null;
      try {
        value = task.call();
      } catch (Throwable t) {
        failure = t;
      }
      long run = Math.max(0, pool.ticker.read() - start);
      pool.active.decrementAndGet();
      pool.totalWait.add(wait);
      pool.maxWait.accumulate(wait);
      pool.totalRun.add(run);
      pool.maxRun.accumulate(run);
      pool.waitTimes.record(wait);
      pool.runTimes.record(run);
      if (failure != null) {
        pool.failed.increment();
      }
      pool.completed.increment();
      if (failure != null) {
        future.completeExceptionally(failure);
      } else {
        future.complete(value); // value is the task's T (possibly a nullable T)
      }
    }

  }
}
