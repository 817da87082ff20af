package dev.hotpath.resilience;

import dev.hotpath.resilience.internal.Checks;
import dev.hotpath.resilience.internal.DefaultEventExecutor;
import dev.hotpath.resilience.internal.EventDispatcher;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A semaphore bulkhead: at most {@code maxConcurrentCalls} calls run at once; a caller waits up
 * to {@code maxWait} for a permit and then gets {@link BulkheadFullException}.
 *
 * <p>Guarantees: a permit is released exactly once, when the call it guards really ends
 * (normally, by exception, or when an async stage completes) — never by a caller that timed out
 * waiting, since that caller never held one. Permits in use never exceed the bound. The
 * bulkhead does not bound how long a call runs: compose with a {@link TimeLimiter} (which lets
 * the permit go only when the abandoned call ends) or use an {@link ExecutorBulkhead}.
 *
 * <p>Thread-safe; works the same on platform and virtual threads (waiting parks, no pinning).
 *
 * <pre>{@code
 * Bulkhead bulkhead = Bulkhead.of("reports", BulkheadConfig.builder().maxConcurrentCalls(4).build());
 * Report r = bulkhead.call(() -> renderReport(id)); // BulkheadFullException when 4 are running
 * }</pre>
 */
public final class Bulkhead {
  private final String name;
  private final BulkheadConfig config;
  private final Semaphore permits;
  private final long maxWaitNanos;
  private final LongAdder rejected = new LongAdder();
  private final BulkheadFullException full;
  private final BulkheadFullException interrupted;
  private final EventDispatcher<BulkheadFullException> rejections;

  private Bulkhead(String name, BulkheadConfig config, Executor eventExecutor) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.permits = new Semaphore(config.maxConcurrentCalls(), config.fair());
    this.maxWaitNanos = Checks.saturatedNanos(config.maxWait());
    this.full = new BulkheadFullException(name,
        config.maxConcurrentCalls() + " calls running, no permit within " + config.maxWait());
    this.interrupted = new BulkheadFullException(name, "interrupted while waiting for a permit");
    this.rejections = new EventDispatcher<>(eventExecutor);
  }

  /** A bulkhead delivering rejection events on the shared event thread. */
  public static Bulkhead of(String name, BulkheadConfig config) {
    return new Bulkhead(name, config, DefaultEventExecutor.get());
  }

  /** A bulkhead delivering rejection events on {@code eventExecutor}. */
  public static Bulkhead of(String name, BulkheadConfig config, Executor eventExecutor) {
    return new Bulkhead(name, config, Objects.requireNonNull(eventExecutor, "eventExecutor"));
  }

  /** The bulkhead's name. */
  public String name() {
    return name;
  }

  /** The bulkhead's settings. */
  public BulkheadConfig config() {
    return config;
  }

  /** Permits free right now. */
  public int availablePermits() {
    return permits.availablePermits();
  }

  /** Calls rejected since creation. */
  public long rejectedCalls() {
    return rejected.sum();
  }

  /** Registers a listener for rejections, delivered on the event executor. */
  public void onCallRejected(Consumer<BulkheadFullException> listener) {
    rejections.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Runs {@code callable} holding a permit.
   *
   * @throws BulkheadFullException if no permit was free within {@code maxWait}, or the caller was
   *     interrupted while waiting (its interrupt flag is then set again)
   */
  public <T extends @Nullable Object> T call(Callable<T> callable) throws Exception {
    acquirePermission();
    try {
      return callable.call();
    } finally {
      permits.release();
    }
  }

  /** Like {@link #call} for a {@link Supplier}. */
  public <T extends @Nullable Object> T get(Supplier<T> supplier) {
    acquirePermission();
    try {
      return supplier.get();
    } finally {
      permits.release();
    }
  }

  /** Like {@link #call} for a {@link Runnable}. */
  public void run(Runnable runnable) {
    acquirePermission();
    try {
      runnable.run();
    } finally {
      permits.release();
    }
  }

  /**
   * Starts the async call holding a permit, released when the stage completes (however it
   * completes). The permit is taken on the calling thread, which may wait up to {@code maxWait};
   * a rejection is returned as a failed stage.
   */
  public <T extends @Nullable Object> CompletionStage<T> callAsync(
      Supplier<? extends CompletionStage<T>> supplier) {
    try {
      acquirePermission();
    } catch (BulkheadFullException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletionStage<T> stage;
    try {
      stage = supplier.get();
    } catch (Throwable t) {
      permits.release();
      return CompletableFuture.failedFuture(t);
    }
    return stage.whenComplete((r, e) -> permits.release());
  }

  /**
   * Takes a permit, waiting up to {@code maxWait}; pair every successful call with exactly one
   * {@link #releasePermission()}.
   *
   * @throws BulkheadFullException as for {@link #call}
   */
  public void acquirePermission() {
    if (permits.tryAcquire()) {
      return;
    }
    if (maxWaitNanos > 0) {
      try {
        if (permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw reject(interrupted);
      }
    }
    throw reject(full);
  }

  /** Takes a permit without waiting; true if taken. */
  public boolean tryAcquirePermission() {
    if (permits.tryAcquire()) {
      return true;
    }
    reject(full);
    return false;
  }

  /** Returns a permit taken by {@link #acquirePermission()} or {@link #tryAcquirePermission()}. */
  public void releasePermission() {
    permits.release();
  }

  private BulkheadFullException reject(BulkheadFullException e) {
    rejected.increment();
    rejections.publish(e);
    return e;
  }

  @Override
  public String toString() {
    return "Bulkhead{" + name + ", " + availablePermits() + "/" + config.maxConcurrentCalls()
        + " free}";
  }
}
