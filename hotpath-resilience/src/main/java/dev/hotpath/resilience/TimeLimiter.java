package dev.hotpath.resilience;

import dev.hotpath.resilience.internal.Checks;
import dev.hotpath.resilience.internal.DefaultScheduler;
import dev.hotpath.resilience.internal.Stages;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Bounds how long a call may take: past the timeout the caller gets a {@link
 * TimeLimitExceededException} and the call is cancelled (its thread interrupted, its stage
 * cancelled) if configured. A timeout is not a rejection: the call was made, and a breaker
 * outside the time limiter counts it as a failure.
 *
 * <p>A synchronous call runs on the limiter's executor (a new virtual thread per call by default)
 * while the caller waits. For an async call the clock starts <em>before</em> the supplier is
 * called, so the limit covers whatever the inner guards do before the call is made (waiting for
 * a bulkhead permit or a rate-limit slot happens off the caller's thread, see {@link
 * PermitGuard}); the supplier itself must not block. A call that ignores interruption keeps
 * running after the caller has moved on: whatever it holds (e.g. a bulkhead permit inside it) is
 * released only when it really ends.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * TimeLimiter limiter = TimeLimiter.of("search",
 *     TimeLimiterConfig.builder().timeout(Duration.ofMillis(300)).build());
 * List<Hit> hits = limiter.call(() -> search.query(q)); // TimeLimitExceededException after 300 ms
 * }</pre>
 */
public final class TimeLimiter implements Guard {
  private final String name;
  private final TimeLimiterConfig config;
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  private final long timeoutNanos;
  private final LongAdder timeouts = new LongAdder();

  private TimeLimiter(String name, TimeLimiterConfig config, ExecutorService executor) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.timer = DefaultScheduler.get();
    this.timeoutNanos = Checks.saturatedNanos(config.timeout());
  }

  private static final class VirtualThreads {
    static final ExecutorService INSTANCE = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("hotpath-time-limited-", 0).factory());
  }

  /** A limiter running synchronous calls on virtual threads. */
  public static TimeLimiter of(String name, TimeLimiterConfig config) {
    return new TimeLimiter(name, config, VirtualThreads.INSTANCE);
  }

  /** A limiter running synchronous calls on {@code executor} (not shut down by the limiter). */
  public static TimeLimiter of(String name, TimeLimiterConfig config, ExecutorService executor) {
    return new TimeLimiter(name, config, executor);
  }

  @Override
  public String name() {
    return name;
  }

  /** The limiter's settings. */
  public TimeLimiterConfig config() {
    return config;
  }

  /** Calls timed out since creation. */
  public long timedOutCalls() {
    return timeouts.sum();
  }

  /**
   * Runs {@code callable} on the executor and waits at most the timeout.
   *
   * @throws TimeLimitExceededException on timeout
   * @throws InterruptedException if the caller is interrupted while waiting (the call is cancelled)
   * @throws Exception whatever {@code callable} throws
   */
  @Override
  public <T extends @Nullable Object> T call(Callable<T> callable) throws Exception {
    Future<T> future = executor.submit(callable);
    try {
      return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      timeouts.increment();
      if (config.cancelRunningCall()) {
        future.cancel(true);
      }
      throw new TimeLimitExceededException(name, config.timeout());
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /**
   * Like {@link #call} for a {@link Supplier}; an interrupt while waiting cancels the call and
   * surfaces as {@link TimeLimitExceededException} with the interrupt flag set.
   */
  @Override
  public <T extends @Nullable Object> T get(Supplier<T> supplier) {
    try {
      return call(supplier::get);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeLimitExceededException(name, config.timeout());
    } catch (Exception e) {
      throw Body.unchecked(e);
    }
  }

  /** Like {@link #get} for a {@link Runnable}. */
  @Override
  public void run(Runnable runnable) {
    var unused = get(() -> {
      runnable.run();
      return null;
    });
  }

  /**
   * Starts the clock, then calls the supplier and races its stage against the timeout: the
   * returned stage fails with {@link TimeLimitExceededException} when the timeout passes first,
   * and the call's stage is then cancelled if configured (which also stops an inner guard that is
   * still waiting for a permit).
   */
  @Override
  public <T extends @Nullable Object> CompletionStage<T> callAsync(
      Supplier<? extends CompletionStage<T>> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    CompletableFuture<T> out = new CompletableFuture<>();
    AtomicBoolean timedOut = new AtomicBoolean();
    AtomicReference<@Nullable CompletionStage<T>> running = new AtomicReference<>();
    Runnable onTimeout = () -> {
      if (out.isDone() || !timedOut.compareAndSet(false, true)) {
        return;
      }
      CompletionStage<T> stage = running.get();
      if (stage != null && config.cancelRunningCall()) {
        Stages.cancelQuietly(stage); // before completing, so callers see it cancelled
      }
      timeouts.increment(); // before completing, so whoever sees the timeout sees it counted
      if (!out.completeExceptionally(new TimeLimitExceededException(name, config.timeout()))) {
        timeouts.decrement(); // the caller cancelled first
      }
    };
    // the shared timer thread only hands over: the caller's callbacks on `out` run elsewhere
    ScheduledFuture<?> clock = timer.schedule(() -> VirtualThreads.INSTANCE.execute(onTimeout),
        timeoutNanos, TimeUnit.NANOSECONDS);
    CompletableFuture<T> unused = out.whenComplete((r, e) -> clock.cancel(false));
    CompletionStage<T> stage;
    try {
      stage = supplier.get();
    } catch (Throwable t) {
      out.completeExceptionally(t);
      return out;
    }
    if (stage == null) {
      out.completeExceptionally(Stages.nullStage(name));
      return out;
    }
    running.set(stage);
    if (timedOut.get() && config.cancelRunningCall()) {
      Stages.cancelQuietly(stage); // the time ran out while the supplier was running
    }
    CompletionStage<T> unused2 = stage.whenComplete((r, e) -> {
      if (timedOut.get()) {
        return; // the timeout won; this outcome (often our own cancellation) is not the answer
      }
      if (e == null) {
        out.complete(r);
      } else {
        out.completeExceptionally(Stages.unwrap(e));
      }
    });
    return out;
  }

  @Override
  public String toString() {
    return "TimeLimiter{" + name + ", " + config.timeout() + "}";
  }
}
