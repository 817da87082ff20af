package dev.hotpath.resilience;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Composes the patterns around a call in one fixed, documented order, whatever order the
 * builder methods are called in. From the outside in:
 *
 * <pre>
 *   Retry ∘ CircuitBreaker ∘ RateLimiter ∘ AdaptiveLimiter ∘ TimeLimiter ∘ Bulkhead ∘ call
 * </pre>
 *
 * <ul>
 *   <li><b>Retry outermost</b>: each attempt goes through every other guard again, so a retry
 *       is counted by the breaker, pays the rate limit and waits for a bulkhead permit like any
 *       call; the retry stops at once on a rejection from an inner guard (rejections are not
 *       retried by default).
 *   <li><b>CircuitBreaker next</b>: it sees the outcome of each attempt, including timeouts from
 *       the time limiter, and while OPEN it rejects before any rate-limit token or permit is
 *       spent.
 *   <li><b>RateLimiter, AdaptiveLimiter</b>: spend the budget only on calls that will be made.
 *   <li><b>TimeLimiter outside Bulkhead</b>: the timeout covers the wait for a permit as well as
 *       the call; an abandoned call keeps its bulkhead permit until it really ends, so the
 *       bulkhead still bounds the calls actually running.
 * </ul>
 *
 * <p>Any guard may be left out. Thread-safe and reusable for any number of calls; a composed
 * call allocates one small lambda per guard.
 *
 * <pre>{@code
 * ResiliencePipeline pipeline = ResiliencePipeline.builder()
 *     .retry(retry).circuitBreaker(breaker).timeLimiter(timeLimiter).bulkhead(bulkhead)
 *     .build();
 * Quote q = pipeline.call(() -> partner.quote(sku));
 * }</pre>
 */
public final class ResiliencePipeline {
  private final @Nullable Retry retry;
  private final @Nullable CircuitBreaker circuitBreaker;
  private final @Nullable RateLimiter rateLimiter;
  private final @Nullable AdaptiveLimiter adaptiveLimiter;
  private final @Nullable TimeLimiter timeLimiter;
  private final @Nullable Bulkhead bulkhead;

  private ResiliencePipeline(Builder b) {
    this.retry = b.retry;
    this.circuitBreaker = b.circuitBreaker;
    this.rateLimiter = b.rateLimiter;
    this.adaptiveLimiter = b.adaptiveLimiter;
    this.timeLimiter = b.timeLimiter;
    this.bulkhead = b.bulkhead;
  }

  /** A builder with no guard. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns {@code callable} wrapped in the guards, for calling later (any number of times). */
  public <T extends @Nullable Object> Callable<T> decorate(Callable<T> callable) {
    Callable<T> c = callable;
    Bulkhead bh = bulkhead;
    if (bh != null) {
      Callable<T> inner = c;
      c = () -> bh.call(inner);
    }
    TimeLimiter tl = timeLimiter;
    if (tl != null) {
      Callable<T> inner = c;
      c = () -> tl.call(inner);
    }
    AdaptiveLimiter al = adaptiveLimiter;
    if (al != null) {
      Callable<T> inner = c;
      c = () -> al.call(inner);
    }
    RateLimiter rl = rateLimiter;
    if (rl != null) {
      Callable<T> inner = c;
      c = () -> rl.call(inner);
    }
    CircuitBreaker cb = circuitBreaker;
    if (cb != null) {
      Callable<T> inner = c;
      c = () -> cb.call(inner);
    }
    Retry r = retry;
    if (r != null) {
      Callable<T> inner = c;
      c = () -> r.call(inner);
    }
    return c;
  }

  /** Calls {@code callable} through the guards. */
  public <T extends @Nullable Object> T call(Callable<T> callable) throws Exception {
    return decorate(callable).call();
  }

  /**
   * Calls {@code supplier} through the guards. A checked exception can only come from the
   * caller being interrupted while the time limiter waits: it surfaces as an {@link
   * IllegalStateException} with the interrupt flag set again.
   */
  public <T extends @Nullable Object> T get(Supplier<T> supplier) {
    try {
      return decorate(supplier::get).call();
    } catch (RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException("unexpected checked exception from a Supplier", e);
    }
  }

  /** Returns the async call wrapped in the guards (the time limiter races the stage). */
  public <T extends @Nullable Object> Supplier<CompletionStage<T>> decorateAsync(
      Supplier<? extends CompletionStage<T>> supplier) {
    Supplier<CompletionStage<T>> s = supplier::get;
    Bulkhead bh = bulkhead;
    if (bh != null) {
      Supplier<CompletionStage<T>> inner = s;
      s = () -> bh.callAsync(inner);
    }
    TimeLimiter tl = timeLimiter;
    if (tl != null) {
      Supplier<CompletionStage<T>> inner = s;
      s = () -> tl.callAsync(inner);
    }
    AdaptiveLimiter al = adaptiveLimiter;
    if (al != null) {
      Supplier<CompletionStage<T>> inner = s;
      s = () -> al.callAsync(inner);
    }
    RateLimiter rl = rateLimiter;
    if (rl != null) {
      Supplier<CompletionStage<T>> inner = s;
      s = () -> rl.callAsync(inner);
    }
    CircuitBreaker cb = circuitBreaker;
    if (cb != null) {
      Supplier<CompletionStage<T>> inner = s;
      s = () -> cb.callAsync(inner);
    }
    Retry r = retry;
    if (r != null) {
      Supplier<CompletionStage<T>> inner = s;
      s = () -> r.callAsync(inner);
    }
    return s;
  }

  /** Starts the async call through the guards. */
  public <T extends @Nullable Object> CompletionStage<T> callAsync(
      Supplier<? extends CompletionStage<T>> supplier) {
    return decorateAsync(supplier).get();
  }

  /** Builds a {@link ResiliencePipeline}; each guard at most once, in any order. */
  public static final class Builder {
    private @Nullable Retry retry;
    private @Nullable CircuitBreaker circuitBreaker;
    private @Nullable RateLimiter rateLimiter;
    private @Nullable AdaptiveLimiter adaptiveLimiter;
    private @Nullable TimeLimiter timeLimiter;
    private @Nullable Bulkhead bulkhead;

    private Builder() {}

    /** The retry (outermost). */
    public Builder retry(Retry retry) {
      this.retry = retry;
      return this;
    }

    /** The circuit breaker. */
    public Builder circuitBreaker(CircuitBreaker breaker) {
      this.circuitBreaker = breaker;
      return this;
    }

    /** The rate limiter. */
    public Builder rateLimiter(RateLimiter limiter) {
      this.rateLimiter = limiter;
      return this;
    }

    /** The adaptive concurrency limiter. */
    public Builder adaptiveLimiter(AdaptiveLimiter limiter) {
      this.adaptiveLimiter = limiter;
      return this;
    }

    /** The time limiter. */
    public Builder timeLimiter(TimeLimiter limiter) {
      this.timeLimiter = limiter;
      return this;
    }

    /** The bulkhead (innermost). */
    public Builder bulkhead(Bulkhead bulkhead) {
      this.bulkhead = bulkhead;
      return this;
    }

    /** Builds the pipeline. */
    public ResiliencePipeline build() {
      return new ResiliencePipeline(this);
    }
  }
}
