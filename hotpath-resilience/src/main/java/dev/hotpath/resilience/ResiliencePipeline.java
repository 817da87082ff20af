package dev.hotpath.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An ordered list of {@link Guard}s around a call, in one fixed, documented order whatever order
 * the builder methods are called in. From the outside in:
 *
 * <pre>
 *   Retry ∘ CircuitBreaker ∘ AdaptiveLimiter ∘ TimeLimiter ∘ Bulkhead ∘ RateLimiter ∘ call
 * </pre>
 *
 * <ul>
 *   <li><b>Retry outermost</b>: each attempt goes through every other guard again, so a retry
 *       is counted by the breaker, bounded by the limiters and pays the rate limit like any call;
 *       a rejection from an inner guard ({@link RejectedCallException}) is not retried by default.
 *   <li><b>CircuitBreaker next</b>: it sees the outcome of each attempt, including timeouts from
 *       the time limiter (failures), and while OPEN it rejects before anything else is spent.
 *       Rejections by the guards inside it are ignored by default, not counted as failures.
 *   <li><b>AdaptiveLimiter</b>: sheds load at once (it never waits); its latency samples include
 *       timeouts, and an inner rejection frees its slot without a sample.
 *   <li><b>TimeLimiter outside Bulkhead and RateLimiter</b>: the timeout covers waiting for a
 *       permit and for a rate-limit slot as well as the call. An abandoned call keeps its bulkhead
 *       permit until it really ends, so the bulkhead still bounds the calls actually running. An
 *       async caller is never blocked past the limit: inner guards wait off its thread.
 *   <li><b>RateLimiter innermost</b>: it spends budget only on calls that will really be made —
 *       after the breaker, the adaptive limiter and the bulkhead have all admitted the call. (A
 *       call waiting for its rate-limit slot holds its bulkhead permit meanwhile.)
 * </ul>
 *
 * <p>Any guard may be left out. Thread-safe and reusable for any number of calls; {@link
 * #call} allocates one small lambda per guard, a callable from {@link #decorate} none.
 *
 * <pre>{@code
 * ResiliencePipeline pipeline = ResiliencePipeline.builder()
 *     .retry(retry).circuitBreaker(breaker).timeLimiter(timeLimiter).bulkhead(bulkhead)
 *     .build();
 * Quote q = pipeline.call(() -> partner.quote(sku));
 * }</pre>
 */
public final class ResiliencePipeline {
  private final List<Guard> guards;

  private ResiliencePipeline(Builder b) {
    List<Guard> ordered = new ArrayList<>(6);
    for (@Nullable Guard g : new @Nullable Guard[] {
        b.retry, b.circuitBreaker, b.adaptiveLimiter, b.timeLimiter, b.bulkhead, b.rateLimiter}) {
      if (g != null) {
        ordered.add(g);
      }
    }
    this.guards = List.copyOf(ordered);
  }

  /** A builder with no guard. */
  public static Builder builder() {
    return new Builder();
  }

  /** The guards, outermost first, in the documented order. */
  public List<Guard> guards() {
    return guards;
  }

  /** Returns {@code callable} wrapped in the guards, for calling later (any number of times). */
  public <T extends @Nullable Object> Callable<T> decorate(Callable<T> callable) {
    Callable<T> c = Objects.requireNonNull(callable, "callable");
    for (int i = guards.size() - 1; i >= 0; i--) {
      Guard guard = guards.get(i);
      Callable<T> inner = c;
      c = () -> guard.call(inner);
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
    Objects.requireNonNull(supplier, "supplier");
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

  /** Like {@link #get} for a {@link Runnable}. */
  public void run(Runnable runnable) {
    Objects.requireNonNull(runnable, "runnable");
    var unused = get(() -> {
      runnable.run();
      return null;
    });
  }

  /**
   * Returns the async call wrapped in the guards. Nothing blocks the calling thread: guards that
   * would wait for a permit do so on a virtual thread, and the time limiter's clock starts before
   * any of them is asked.
   */
  public <T extends @Nullable Object> Supplier<CompletionStage<T>> decorateAsync(
      Supplier<? extends CompletionStage<T>> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    Supplier<CompletionStage<T>> s = supplier::get;
    for (int i = guards.size() - 1; i >= 0; i--) {
      Guard guard = guards.get(i);
      Supplier<CompletionStage<T>> inner = s;
      s = () -> guard.callAsync(inner);
    }
    return s;
  }

  /** Starts the async call through the guards. */
  public <T extends @Nullable Object> CompletionStage<T> callAsync(
      Supplier<? extends CompletionStage<T>> supplier) {
    return decorateAsync(supplier).get();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ResiliencePipeline{");
    for (Guard g : guards) {
      sb.append(g).append(" ∘ ");
    }
    return sb.append("call}").toString();
  }

  /** Builds a {@link ResiliencePipeline}; each guard at most once, in any order. Not thread-safe. */
  public static final class Builder {
    private @Nullable Retry retry;
    private @Nullable CircuitBreaker circuitBreaker;
    private @Nullable AdaptiveLimiter adaptiveLimiter;
    private @Nullable TimeLimiter timeLimiter;
    private @Nullable Bulkhead bulkhead;
    private @Nullable RateLimiter rateLimiter;

    private Builder() {}

    /** The retry (outermost). */
    public Builder retry(Retry retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** The circuit breaker. */
    public Builder circuitBreaker(CircuitBreaker breaker) {
      this.circuitBreaker = Objects.requireNonNull(breaker, "breaker");
      return this;
    }

    /** The adaptive concurrency limiter. */
    public Builder adaptiveLimiter(AdaptiveLimiter limiter) {
      this.adaptiveLimiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /** The time limiter. */
    public Builder timeLimiter(TimeLimiter limiter) {
      this.timeLimiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /** The bulkhead. */
    public Builder bulkhead(Bulkhead bulkhead) {
      this.bulkhead = Objects.requireNonNull(bulkhead, "bulkhead");
      return this;
    }

    /** The rate limiter (innermost). */
    public Builder rateLimiter(RateLimiter limiter) {
      this.rateLimiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /** Builds the pipeline. */
    public ResiliencePipeline build() {
      return new ResiliencePipeline(this);
    }
  }
}
