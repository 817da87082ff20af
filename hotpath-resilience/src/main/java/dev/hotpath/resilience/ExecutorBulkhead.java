package dev.hotpath.resilience;

import dev.hotpath.metrics.Ticker;
import dev.hotpath.resilience.internal.Checks;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A bulkhead that runs calls on its own threads: at most {@code maxConcurrentCalls} run, at most
 * {@code queueCapacity} wait, and a call beyond that is rejected at once with {@link
 * BulkheadFullException}.
 *
 * <p>Queue wait and run time are bounded separately: a call that has not started within {@code
 * maxQueueWait} fails with {@link BulkheadFullException} without running; a call running longer
 * than {@code maxRunTime} is interrupted and its stage fails with {@link
 * TimeLimitExceededException}, but it keeps its running slot until it really returns, so the
 * bound on concurrent calls holds even for calls that ignore interrupts. Cancelling the returned
 * future before the call starts means it never runs.
 *
 * <p>Thread-safe. {@link #close()} stops accepting calls and lets running ones finish.
 *
 * <pre>{@code
 * try (ExecutorBulkhead reports = ExecutorBulkhead.of("reports", ExecutorBulkheadConfig.ofDefaults())) {
 *   CompletableFuture<Report> r = reports.submit(() -> render(id));
 * }
 * }</pre>
 */
public final class ExecutorBulkhead implements AutoCloseable {
  private final String name;
  private final ExecutorBulkheadConfig config;
  private final Ticker ticker;
  private final ExecutorService executor;
  private final Semaphore admitted; // running + queued
  private final @Nullable Semaphore running; // virtual threads only; the pool bounds platform ones
  private final long maxQueueWaitNanos;
  private final long maxRunNanos;
  private final AtomicInteger active = new AtomicInteger();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder expiredInQueue = new LongAdder();
  private final BulkheadFullException full;
  private final BulkheadFullException expired;

  private ExecutorBulkhead(String name, ExecutorBulkheadConfig config, Ticker ticker) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.admitted = new Semaphore(config.maxConcurrentCalls() + config.queueCapacity());
    this.maxQueueWaitNanos = Checks.saturatedNanos(config.maxQueueWait());
    this.maxRunNanos = Checks.saturatedNanos(config.maxRunTime()); // 0: no bound
    if (config.threads() == ExecutorBulkheadConfig.ThreadKind.PLATFORM) {
      AtomicInteger n = new AtomicInteger();
      this.executor = new ThreadPoolExecutor(config.maxConcurrentCalls(),
          config.maxConcurrentCalls(), 0, TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "bulkhead-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      this.running = null;
    } else {
      this.executor = Executors.newThreadPerTaskExecutor(
          Thread.ofVirtual().name("bulkhead-" + name + "-", 0).factory());
      this.running = new Semaphore(config.maxConcurrentCalls(), true);
    }
    this.full = new BulkheadFullException(name, config.maxConcurrentCalls() + " running and "
        + config.queueCapacity() + " queued");
    this.expired = new BulkheadFullException(name,
        "call did not start within " + config.maxQueueWait());
  }

  /** A bulkhead on the system ticker. */
  public static ExecutorBulkhead of(String name, ExecutorBulkheadConfig config) {
    return new ExecutorBulkhead(name, config, Ticker.system());
  }

  /**
   * A bulkhead reading queue time from {@code ticker} (the wait for a virtual-thread slot itself
   * is on the real clock).
   */
  public static ExecutorBulkhead of(String name, ExecutorBulkheadConfig config, Ticker ticker) {
    return new ExecutorBulkhead(name, config, ticker);
  }

  /** The bulkhead's name. */
  public String name() {
    return name;
  }

  /** The bulkhead's settings. */
  public ExecutorBulkheadConfig config() {
    return config;
  }

  /** Calls running now. */
  public int activeCalls() {
    return active.get();
  }

  /** Calls rejected on arrival since creation. */
  public long rejectedCalls() {
    return rejected.sum();
  }

  /** Calls failed because they waited longer than {@code maxQueueWait}. */
  public long expiredCalls() {
    return expiredInQueue.sum();
  }

  /** Free admission slots (running + queue) right now. */
  public int availableSlots() {
    return admitted.availablePermits();
  }

  /**
   * Queues {@code callable}; the future completes with its outcome, or fails with {@link
   * BulkheadFullException} (full on arrival, or expired in the queue) or {@link
   * TimeLimitExceededException} (ran too long).
   */
  public <T extends @Nullable Object> CompletableFuture<T> submit(Callable<T> callable) {
    if (!admitted.tryAcquire()) {
      rejected.increment();
      return CompletableFuture.failedFuture(full);
    }
    CompletableFuture<T> out = new CompletableFuture<>();
    long enqueued = ticker.read();
    try {
      executor.execute(() -> runTask(callable, out, enqueued));
    } catch (RejectedExecutionException e) {
      admitted.release();
      out.completeExceptionally(e);
    }
    return out;
  }

  private <T extends @Nullable Object> void runTask(Callable<T> callable, CompletableFuture<T> out,
      long enqueued) {
    Semaphore slots = running;
    boolean holdsRunning = false;
    @Nullable Throwable failure = null;
    T result = null;
    boolean ran = false;
    try {
      if (slots != null) {
        long left = maxQueueWaitNanos - (ticker.read() - enqueued);
        holdsRunning = left > 0 && slots.tryAcquire(left, TimeUnit.NANOSECONDS);
        if (!holdsRunning) {
          expiredInQueue.increment();
          failure = expired;
          return;
        }
      } else if (ticker.read() - enqueued > maxQueueWaitNanos) {
        expiredInQueue.increment();
        failure = expired;
        return;
      }
      if (out.isDone()) {
        return; // cancelled while queued: never runs
      }
      ran = true;
      result = execute(callable, out);
    } catch (Throwable t) {
      failure = t; // the call's own exception, or an interrupt while queued (close())
    } finally {
      // free the slots before completing, so whoever sees the outcome also sees the slot free
      if (holdsRunning && slots != null) {
        slots.release();
      }
      admitted.release();
      if (failure != null) {
        out.completeExceptionally(failure);
      } else if (ran) {
        out.complete(result);
      }
    }
  }

  private <T extends @Nullable Object> T execute(Callable<T> callable, CompletableFuture<T> out)
      throws Exception {
    active.incrementAndGet();
    AtomicReference<@Nullable Thread> worker = new AtomicReference<>(Thread.currentThread());
    if (maxRunNanos > 0) {
      CompletableFuture.delayedExecutor(maxRunNanos, TimeUnit.NANOSECONDS).execute(() -> {
        if (out.completeExceptionally(
            new TimeLimitExceededException(name, config.maxRunTime()))) {
          Thread t = worker.get();
          if (t != null) {
            t.interrupt();
          }
        }
      });
    }
    try {
      return callable.call();
    } finally {
      worker.set(null);
      Thread.interrupted(); // a late timeout interrupt must not leak into the next pooled task
      active.decrementAndGet();
    }
  }

  /** Stops accepting calls; queued and running calls still complete. */
  @Override
  public void close() {
    executor.shutdown();
  }

  @Override
  public String toString() {
    return "ExecutorBulkhead{" + name + ", active=" + active.get() + "/"
        + config.maxConcurrentCalls() + "}";
  }
}
