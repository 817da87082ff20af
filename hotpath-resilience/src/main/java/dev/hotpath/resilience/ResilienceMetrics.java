package dev.hotpath.resilience;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the module's state and counters to a Micrometer {@link MeterRegistry}. Micrometer is
 * an optional dependency: this is the only class that touches it, so the rest of the module works
 * without Micrometer on the class or module path.
 *
 * <p>Meters (each tagged {@code name}):
 *
 * <ul>
 *   <li>{@code hotpath.circuitbreaker.state} (gauge, tag {@code state}: 1 for the current one);
 *       {@code hotpath.circuitbreaker.calls} (counter, tag {@code outcome}: successful, failed,
 *       ignored, not_permitted); {@code hotpath.circuitbreaker.slow.calls}
 *   <li>{@code hotpath.bulkhead.available.permits}, {@code hotpath.bulkhead.max.permits}
 *       (gauges); {@code hotpath.bulkhead.rejected} (counter)
 *   <li>{@code hotpath.ratelimiter.available.permits} (gauge); {@code hotpath.ratelimiter.rejected}
 *   <li>{@code hotpath.adaptivelimiter.limit}, {@code hotpath.adaptivelimiter.inflight} (gauges);
 *       {@code hotpath.adaptivelimiter.rejected}
 *   <li>{@code hotpath.retry.calls} (counter, tag {@code outcome}); {@code hotpath.retry.retries}
 * </ul>
 *
 * <p>Meters read the components' counters when scraped; nothing is added to the call path.
 * Register once per registry. Thread-safe.
 *
 * <pre>{@code
 * ResilienceMetrics.builder().circuitBreaker(breaker).bulkhead(bulkhead).build().bindTo(registry);
 * }</pre>
 */
@SuppressWarnings("exports") // Micrometer types in the API are the point; users of this class bring Micrometer
public final class ResilienceMetrics implements MeterBinder {
  private final List<CircuitBreaker> breakers;
  private final List<Bulkhead> bulkheads;
  private final List<RateLimiter> rateLimiters;
  private final List<AdaptiveLimiter> adaptiveLimiters;
  private final List<Retry> retries;

  private ResilienceMetrics(Builder b) {
    this.breakers = List.copyOf(b.breakers);
    this.bulkheads = List.copyOf(b.bulkheads);
    this.rateLimiters = List.copyOf(b.rateLimiters);
    this.adaptiveLimiters = List.copyOf(b.adaptiveLimiters);
    this.retries = List.copyOf(b.retries);
  }

  /** A builder with nothing registered. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (CircuitBreaker cb : breakers) {
      for (CircuitBreaker.State s : CircuitBreaker.State.values()) {
        Gauge.builder("hotpath.circuitbreaker.state", cb, b -> b.state() == s ? 1 : 0)
            .tag("name", cb.name()).tag("state", s.name().toLowerCase(java.util.Locale.ROOT))
            .description("1 for the breaker's current state").register(registry);
      }
      counter(registry, "hotpath.circuitbreaker.calls", cb, cb.name(), "successful",
          b -> b.metrics().successfulCalls());
      counter(registry, "hotpath.circuitbreaker.calls", cb, cb.name(), "failed",
          b -> b.metrics().failedCalls());
      counter(registry, "hotpath.circuitbreaker.calls", cb, cb.name(), "ignored",
          b -> b.metrics().ignoredCalls());
      counter(registry, "hotpath.circuitbreaker.calls", cb, cb.name(), "not_permitted",
          b -> b.metrics().notPermittedCalls());
      FunctionCounter.builder("hotpath.circuitbreaker.slow.calls", cb,
          b -> b.metrics().slowCalls()).tag("name", cb.name()).register(registry);
    }
    for (Bulkhead bh : bulkheads) {
      Gauge.builder("hotpath.bulkhead.available.permits", bh, Bulkhead::availablePermits)
          .tag("name", bh.name()).register(registry);
      Gauge.builder("hotpath.bulkhead.max.permits", bh, b -> b.config().maxConcurrentCalls())
          .tag("name", bh.name()).register(registry);
      FunctionCounter.builder("hotpath.bulkhead.rejected", bh, Bulkhead::rejectedCalls)
          .tag("name", bh.name()).register(registry);
    }
    for (RateLimiter rl : rateLimiters) {
      Gauge.builder("hotpath.ratelimiter.available.permits", rl, RateLimiter::availablePermits)
          .tag("name", rl.name()).register(registry);
      FunctionCounter.builder("hotpath.ratelimiter.rejected", rl, RateLimiter::rejectedCalls)
          .tag("name", rl.name()).register(registry);
    }
    for (AdaptiveLimiter al : adaptiveLimiters) {
      Gauge.builder("hotpath.adaptivelimiter.limit", al, AdaptiveLimiter::limit)
          .tag("name", al.name()).register(registry);
      Gauge.builder("hotpath.adaptivelimiter.inflight", al, AdaptiveLimiter::inFlight)
          .tag("name", al.name()).register(registry);
      FunctionCounter.builder("hotpath.adaptivelimiter.rejected", al,
          AdaptiveLimiter::rejectedCalls).tag("name", al.name()).register(registry);
    }
    for (Retry r : retries) {
      counter(registry, "hotpath.retry.calls", r, r.name(), "succeeded_without_retry",
          x -> x.metrics().succeededWithoutRetry());
      counter(registry, "hotpath.retry.calls", r, r.name(), "succeeded_with_retry",
          x -> x.metrics().succeededWithRetry());
      counter(registry, "hotpath.retry.calls", r, r.name(), "failed_without_retry",
          x -> x.metrics().failedWithoutRetry());
      counter(registry, "hotpath.retry.calls", r, r.name(), "failed_with_retry",
          x -> x.metrics().failedWithRetry());
      FunctionCounter.builder("hotpath.retry.retries", r, x -> x.metrics().retries())
          .tag("name", r.name()).register(registry);
    }
  }

  private static <T> void counter(MeterRegistry registry, String meter, T source, String name,
      String outcome, ToDoubleFunction<T> f) {
    FunctionCounter.builder(meter, source, f).tag("name", name).tag("outcome", outcome)
        .register(registry);
  }

  /** Collects the components to publish; not thread-safe. */
  public static final class Builder {
    private final List<CircuitBreaker> breakers = new ArrayList<>();
    private final List<Bulkhead> bulkheads = new ArrayList<>();
    private final List<RateLimiter> rateLimiters = new ArrayList<>();
    private final List<AdaptiveLimiter> adaptiveLimiters = new ArrayList<>();
    private final List<Retry> retries = new ArrayList<>();

    private Builder() {}

    /** Adds a circuit breaker. */
    public Builder circuitBreaker(CircuitBreaker breaker) {
      breakers.add(breaker);
      return this;
    }

    /** Adds a bulkhead. */
    public Builder bulkhead(Bulkhead bulkhead) {
      bulkheads.add(bulkhead);
      return this;
    }

    /** Adds a rate limiter. */
    public Builder rateLimiter(RateLimiter limiter) {
      rateLimiters.add(limiter);
      return this;
    }

    /** Adds an adaptive limiter. */
    public Builder adaptiveLimiter(AdaptiveLimiter limiter) {
      adaptiveLimiters.add(limiter);
      return this;
    }

    /** Adds a retry. */
    public Builder retry(Retry retry) {
      retries.add(retry);
      return this;
    }

    /** Builds the binder. */
    public ResilienceMetrics build() {
      return new ResilienceMetrics(this);
    }
  }
}
