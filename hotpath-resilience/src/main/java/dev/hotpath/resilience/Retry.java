package dev.hotpath.resilience;

import dev.hotpath.resilience.internal.Checks;
import dev.hotpath.resilience.internal.DefaultScheduler;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Retries a call that fails with a retryable exception (or returns a retryable result), up to
 * {@code maxAttempts} attempts, with exponential backoff and full jitter between them, within
 * an optional {@link RetryBudget}.
 *
 * <p>When attempts or budget run out, the last exception is rethrown unchanged (or the last
 * result returned). An interrupt during a backoff stops retrying: the last exception is rethrown
 * with the thread's interrupt flag set. The success path (first attempt succeeds) allocates
 * nothing.
 *
 * <p>Thread-safe; one instance serves all callers.
 *
 * <pre>{@code
 * Retry retry = Retry.of("pricing", RetryConfig.builder().maxAttempts(3)
 *     .budget(RetryBudget.of(0.1, 5, 100)).build());
 * Price p = retry.call(() -> pricing.fetch(sku));
 * }</pre>
 */
public final class Retry {

  /** Waits between attempts; the default parks the thread. Tests inject one that records. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits {@code nanos} nanoseconds. */
    void sleep(long nanos) throws InterruptedException;
  }

  private final String name;
  private final RetryConfig config;
  private final Sleeper sleeper;
  private final ScheduledExecutorService scheduler;
  private final @Nullable RetryBudget budget;
  private final long initialNanos;
  private final long maxNanos;
  private final LongAdder calls; // also the budget's deposit when there is a budget
  private final LongAdder succeededAfterRetry = new LongAdder();
  private final LongAdder failedFirst = new LongAdder();
  private final LongAdder failedAfterRetry = new LongAdder();
  private final LongAdder retries = new LongAdder();

  private Retry(String name, RetryConfig config, Sleeper sleeper,
      ScheduledExecutorService scheduler) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.budget = config.budget();
    RetryBudget b = config.budget();
    this.calls = b != null ? b.attach() : new LongAdder();
    this.initialNanos = Checks.saturatedNanos(config.initialBackoff());
    this.maxNanos = Checks.saturatedNanos(config.maxBackoff());
  }

  /** A retry that sleeps with {@link TimeUnit#sleep} and schedules async retries on a shared thread. */
  public static Retry of(String name, RetryConfig config) {
    return new Retry(name, config, TimeUnit.NANOSECONDS::sleep, DefaultScheduler.get());
  }

  /** A retry with the given sleeper (sync) and scheduler (async backoffs). */
  public static Retry of(String name, RetryConfig config, Sleeper sleeper,
      ScheduledExecutorService scheduler) {
    return new Retry(name, config, sleeper, scheduler);
  }

  /** The retry's name. */
  public String name() {
    return name;
  }

  /** The retry's settings. */
  public RetryConfig config() {
    return config;
  }

  /** Counters since creation. */
  public record Metrics(long succeededWithoutRetry, long succeededWithRetry,
      long failedWithoutRetry, long failedWithRetry, long retries) {}

  /** Reads the counters (allocates; not for the hot path). */
  public Metrics metrics() {
    long failedFirstCount = failedFirst.sum();
    long succeededAfter = succeededAfterRetry.sum();
    long failedAfter = failedAfterRetry.sum();
    // first-attempt successes are not counted on the hot path: they are the rest (calls still
    // running are briefly among them)
    long succeededFirstCount = Math.max(0,
        calls.sum() - failedFirstCount - succeededAfter - failedAfter);
    return new Metrics(succeededFirstCount, succeededAfter, failedFirstCount, failedAfter,
        retries.sum());
  }

  /**
   * Calls {@code callable}, retrying as configured.
   *
   * @throws Exception the last attempt's exception when no retry is left
   */
  public <T extends @Nullable Object> T call(Callable<T> callable) throws Exception {
    deposit();
    for (int attempt = 1; ; attempt++) {
      T result;
      try {
        result = callable.call();
      } catch (Throwable t) {
        if (!retryAfterError(t, attempt)) {
          throw t;
        }
        continue;
      }
      if (!retryAfterResult(result, attempt)) {
        return result;
      }
    }
  }

  /** Like {@link #call} for a {@link Supplier}. */
  public <T extends @Nullable Object> T get(Supplier<T> supplier) {
    deposit();
    for (int attempt = 1; ; attempt++) {
      T result;
      try {
        result = supplier.get();
      } catch (Throwable t) {
        if (!retryAfterError(t, attempt)) {
          throw t;
        }
        continue;
      }
      if (!retryAfterResult(result, attempt)) {
        return result;
      }
    }
  }

  /** Like {@link #call} for a {@link Runnable}. */
  public void run(Runnable runnable) {
    deposit();
    for (int attempt = 1; ; attempt++) {
      try {
        runnable.run();
      } catch (Throwable t) {
        if (!retryAfterError(t, attempt)) {
          throw t;
        }
        continue;
      }
      if (attempt > 1) {
        succeededAfterRetry.increment();
      }
      return;
    }
  }

  /**
   * Calls {@code supplier} and retries its failed stages, waiting each backoff on the scheduler
   * (no thread blocks). The returned stage completes with the final outcome.
   */
  public <T extends @Nullable Object> CompletionStage<T> callAsync(
      Supplier<? extends CompletionStage<T>> supplier) {
    deposit();
    CompletableFuture<T> out = new CompletableFuture<>();
    attemptAsync(supplier, 1, out);
    return out;
  }

  private <T extends @Nullable Object> void attemptAsync(
      Supplier<? extends CompletionStage<T>> supplier, int attempt, CompletableFuture<T> out) {
    if (out.isDone()) {
      return; // the caller cancelled: no further attempts
    }
    CompletionStage<T> stage;
    try {
      stage = supplier.get();
    } catch (Throwable t) {
      stage = CompletableFuture.failedFuture(t);
    }
    CompletionStage<T> unused = stage.whenComplete((result, error) -> {
      long delay;
      if (error != null) {
        Throwable cause = CircuitBreaker.unwrap(error);
        if (!mayRetry(cause, attempt)) {
          out.completeExceptionally(cause);
          return;
        }
      } else if (!mayRetryResult(result, attempt)) {
        out.complete(result);
        return;
      }
      delay = backoffNanos(attempt);
      try {
        var unusedFuture = scheduler.schedule(() -> attemptAsync(supplier, attempt + 1, out),
            delay, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        out.completeExceptionally(error != null ? CircuitBreaker.unwrap(error) : e);
      }
    });
  }

  private void deposit() {
    calls.increment(); // the one counter on the success path; with a budget it is the deposit
  }

  /** After a failed attempt: true after backing off if another attempt should follow. */
  private boolean retryAfterError(Throwable t, int attempt) {
    if (!mayRetry(t, attempt)) {
      return false;
    }
    if (!sleep(attempt)) {
      failedAfterRetry.increment(); // interrupted while backing off
      return false;
    }
    return true;
  }

  /** After an attempt returned {@code result}: true after backing off if another should follow. */
  private boolean retryAfterResult(@Nullable Object result, int attempt) {
    if (!mayRetryResult(result, attempt)) {
      return false;
    }
    if (!sleep(attempt)) {
      succeededAfterRetry.increment(); // interrupted while backing off: keep the last result
      return false;
    }
    return true;
  }

  private boolean mayRetry(Throwable t, int attempt) {
    if (attempt < config.maxAttempts() && config.retryOnException().test(t) && withdraw()) {
      retries.increment();
      return true;
    }
    (attempt == 1 ? failedFirst : failedAfterRetry).increment();
    return false;
  }

  private boolean mayRetryResult(@Nullable Object result, int attempt) {
    if (attempt < config.maxAttempts() && config.retryOnResult().test(result) && withdraw()) {
      retries.increment();
      return true;
    }
    if (attempt > 1) {
      succeededAfterRetry.increment();
    }
    return false;
  }

  private boolean withdraw() {
    return budget == null || budget.tryWithdraw();
  }

  private boolean sleep(int attempt) {
    long nanos = backoffNanos(attempt);
    if (nanos <= 0) {
      return true;
    }
    try {
      sleeper.sleep(nanos);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The backoff before attempt {@code attempt + 1}. */
  long backoffNanos(int attempt) {
    double bound = initialNanos * Math.pow(config.multiplier(), attempt - 1.0);
    long cap = bound >= maxNanos ? maxNanos : (long) bound;
    if (cap <= 0 || !config.fullJitter()) {
      return cap;
    }
    return ThreadLocalRandom.current().nextLong(cap + 1);
  }

  @Override
  public String toString() {
    return "Retry{" + name + ", maxAttempts=" + config.maxAttempts() + "}";
  }
}
