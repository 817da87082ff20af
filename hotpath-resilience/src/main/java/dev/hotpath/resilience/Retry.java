package dev.hotpath.resilience;

import dev.hotpath.resilience.internal.Checks;
import dev.hotpath.resilience.internal.DefaultScheduler;
import dev.hotpath.resilience.internal.Stages;
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
 * result returned). A rejection by one of this module's guards ({@link RejectedCallException})
 * is not retried by default. An interrupt during a backoff stops retrying: the last exception is
 * rethrown with the thread's interrupt flag set. The success path (first attempt succeeds)
 * allocates nothing. A {@link Guard} like the others, without a permit: it re-runs the call
 * rather than admitting it, so it wraps the other guards in a {@link ResiliencePipeline}.
 *
 * <p>Thread-safe; one instance serves all callers.
 *
 * <pre>{@code
 * Retry retry = Retry.of("pricing", RetryConfig.builder().maxAttempts(3)
 *     .budget(RetryBudget.of(0.1, 5, 100)).build());
 * Price p = retry.call(() -> pricing.fetch(sku));
 * }</pre>
 */
public final class Retry implements Guard {

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
    this.budget = config.budget().orElse(null);
    this.calls = budget != null ? budget.attach() : new LongAdder();
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

  @Override
  public String name() {
    return name;
  }

  /** The retry's settings. */
  public RetryConfig config() {
    return config;
  }

  /** Counters of a {@link Retry} since its creation. Built by {@link #metrics()}; immutable. */
  public static final class Metrics {
    private final long succeededWithoutRetry;
    private final long succeededWithRetry;
    private final long failedWithoutRetry;
    private final long failedWithRetry;
    private final long retries;

    private Metrics(long succeededWithoutRetry, long succeededWithRetry, long failedWithoutRetry,
        long failedWithRetry, long retries) {
      this.succeededWithoutRetry = succeededWithoutRetry;
      this.succeededWithRetry = succeededWithRetry;
      this.failedWithoutRetry = failedWithoutRetry;
      this.failedWithRetry = failedWithRetry;
      this.retries = retries;
    }

    /** Calls whose first attempt succeeded (calls still running are briefly among them). */
    public long succeededWithoutRetry() {
      return succeededWithoutRetry;
    }

    /** Calls that succeeded after at least one retry. */
    public long succeededWithRetry() {
      return succeededWithRetry;
    }

    /** Calls that failed on the first attempt and were not retried. */
    public long failedWithoutRetry() {
      return failedWithoutRetry;
    }

    /** Calls that failed after at least one retry. */
    public long failedWithRetry() {
      return failedWithRetry;
    }

    /** Retries made (attempts after the first). */
    public long retries() {
      return retries;
    }

    @Override
    public String toString() {
      return "Metrics{succeededWithoutRetry=" + succeededWithoutRetry + ", succeededWithRetry="
          + succeededWithRetry + ", failedWithoutRetry=" + failedWithoutRetry
          + ", failedWithRetry=" + failedWithRetry + ", retries=" + retries + "}";
    }
  }

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
  @Override
  public <T extends @Nullable Object> T call(Callable<T> callable) throws Exception {
    return Body.cast(execute(callable, Body.CALLABLE));
  }

  @Override
  public <T extends @Nullable Object> T get(Supplier<T> supplier) {
    try {
      return Body.cast(execute(supplier, Body.SUPPLIER));
    } catch (Exception e) {
      throw Body.unchecked(e);
    }
  }

  @Override
  public void run(Runnable runnable) {
    try {
      execute(runnable, Body.RUNNABLE);
    } catch (Exception e) {
      throw Body.unchecked(e);
    }
  }

  /** The one synchronous loop behind {@code call}, {@code get} and {@code run}. */
  private @Nullable Object execute(Object body, Body shape) throws Exception {
    deposit();
    for (int attempt = 1; ; attempt++) {
      @Nullable Object result;
      try {
        result = shape.invoke(body);
      } catch (Throwable t) {
        if (!retryAfterError(t, attempt)) {
          throw t;
        }
        continue;
      }
      if (!shape.hasResult()) {
        if (attempt > 1) {
          succeededAfterRetry.increment();
        }
        return null;
      }
      if (!retryAfterResult(result, attempt)) {
        return result;
      }
    }
  }

  /**
   * Calls {@code supplier} and retries its failed stages, waiting each backoff on the scheduler
   * (no thread blocks). The returned stage completes with the final outcome; cancelling it stops
   * further attempts. A {@code null} stage fails the attempt with a {@link NullPointerException}
   * (retried like any exception the predicate accepts); a retry predicate that throws ends the
   * call with its exception.
   */
  @Override
  public <T extends @Nullable Object> CompletionStage<T> callAsync(
      Supplier<? extends CompletionStage<T>> supplier) {
    Objects.requireNonNull(supplier, "supplier");
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
      if (stage == null) {
        stage = CompletableFuture.failedFuture(Stages.nullStage(name));
      }
    } catch (Throwable t) {
      stage = CompletableFuture.failedFuture(t);
    }
    CompletionStage<T> unused = stage.whenComplete((result, error) -> {
      try {
        if (error != null) {
          Throwable cause = Stages.unwrap(error);
          if (!mayRetry(cause, attempt)) {
            out.completeExceptionally(cause);
            return;
          }
        } else if (!mayRetryResult(result, attempt)) {
          out.complete(result);
          return;
        }
        var unusedFuture = scheduler.schedule(() -> attemptAsync(supplier, attempt + 1, out),
            backoffNanos(attempt), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        out.completeExceptionally(error != null ? Stages.unwrap(error) : e);
      } catch (Throwable predicateBug) { // a retry predicate threw: the caller must still hear
        out.completeExceptionally(predicateBug);
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
