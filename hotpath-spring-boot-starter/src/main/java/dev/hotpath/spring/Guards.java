package dev.hotpath.spring;

import dev.hotpath.resilience.Bulkhead;
import dev.hotpath.resilience.BulkheadConfig;
import dev.hotpath.resilience.CircuitBreaker;
import dev.hotpath.resilience.CircuitBreakerConfig;
import dev.hotpath.resilience.RateLimiter;
import dev.hotpath.resilience.RateLimiterConfig;
import dev.hotpath.resilience.ResilienceMetrics;
import dev.hotpath.resilience.Retry;
import dev.hotpath.resilience.RetryConfig;
import dev.hotpath.resilience.TimeLimiter;
import dev.hotpath.resilience.TimeLimiterConfig;
import dev.hotpath.spring.internal.Settings;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The application's hotpath-resilience guards by name, configured from {@code
 * hotpath.resilience.*} ({@link ResilienceProperties}): every guard named there is built at
 * startup (a bad value stops the application naming the property) and bound to the application's
 * meter registries; a name that is not configured gets a guard with the defaults on first use,
 * as Resilience4j's registries do.
 *
 * <p>Thread-safe: one instance per name, however many threads ask.
 *
 * <pre>{@code
 * @Service
 * class Inventory {
 *   private final CircuitBreaker breaker;
 *   Inventory(Guards guards) { this.breaker = guards.circuitBreaker("inventory"); }
 *   Stock stock(String sku) { return breaker.get(() -> client.stock(sku)); }
 * }
 * }</pre>
 */
public final class Guards {
  private static final String PREFIX = "hotpath.resilience.";

  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final Map<String, Bulkhead> bulkheads = new ConcurrentHashMap<>();
  private final Map<String, RateLimiter> rateLimiters = new ConcurrentHashMap<>();
  private final Map<String, Retry> retries = new ConcurrentHashMap<>();
  private final Map<String, TimeLimiter> timeLimiters = new ConcurrentHashMap<>();

  /** Builds every guard {@code properties} names. */
  public Guards(ResilienceProperties properties) {
    properties.getCircuitBreakers().forEach((name, p) -> breakers.put(name, Settings.apply(
        PREFIX + "circuit-breakers." + name, () -> CircuitBreaker.of(name, breakerConfig(p)))));
    properties.getBulkheads().forEach((name, p) -> bulkheads.put(name, Settings.apply(
        PREFIX + "bulkheads." + name, () -> Bulkhead.of(name, bulkheadConfig(p)))));
    properties.getRateLimiters().forEach((name, p) -> rateLimiters.put(name, Settings.apply(
        PREFIX + "rate-limiters." + name, () -> RateLimiter.of(name, rateLimiterConfig(p)))));
    properties.getRetries().forEach((name, p) -> retries.put(name, Settings.apply(
        PREFIX + "retries." + name, () -> Retry.of(name, retryConfig(p)))));
    properties.getTimeLimiters().forEach((name, p) -> timeLimiters.put(name, Settings.apply(
        PREFIX + "time-limiters." + name, () -> TimeLimiter.of(name, timeLimiterConfig(p)))));
  }

  /** The circuit breaker {@code name}. */
  public CircuitBreaker circuitBreaker(String name) {
    return breakers.computeIfAbsent(name, n -> CircuitBreaker.of(n, CircuitBreakerConfig.ofDefaults()));
  }

  /** The bulkhead {@code name}. */
  public Bulkhead bulkhead(String name) {
    return bulkheads.computeIfAbsent(name, n -> Bulkhead.of(n, BulkheadConfig.ofDefaults()));
  }

  /** The rate limiter {@code name}. */
  public RateLimiter rateLimiter(String name) {
    return rateLimiters.computeIfAbsent(name, n -> RateLimiter.of(n, RateLimiterConfig.ofDefaults()));
  }

  /** The retry {@code name}. */
  public Retry retry(String name) {
    return retries.computeIfAbsent(name, n -> Retry.of(n, RetryConfig.ofDefaults()));
  }

  /** The time limiter {@code name}. */
  public TimeLimiter timeLimiter(String name) {
    return timeLimiters.computeIfAbsent(name, n -> TimeLimiter.of(n, TimeLimiterConfig.ofDefaults()));
  }

  /** Meters of the guards configured by properties (hotpath-resilience's {@link ResilienceMetrics}). */
  public ResilienceMetrics metrics() {
    ResilienceMetrics.Builder b = ResilienceMetrics.builder();
    breakers.values().forEach(b::circuitBreaker);
    bulkheads.values().forEach(b::bulkhead);
    rateLimiters.values().forEach(b::rateLimiter);
    retries.values().forEach(b::retry);
    return b.build();
  }

  private static CircuitBreakerConfig breakerConfig(ResilienceProperties.CircuitBreaker p) {
    CircuitBreakerConfig.Builder b = CircuitBreakerConfig.builder();
    set(p.getFailureRateThreshold(), b::failureRateThreshold);
    set(p.getSlowCallRateThreshold(), b::slowCallRateThreshold);
    set(p.getSlowCallDurationThreshold(), b::slowCallDurationThreshold);
    if (p.getSlidingWindowType() != null || p.getSlidingWindowSize() != null) {
      CircuitBreakerConfig defaults = CircuitBreakerConfig.ofDefaults();
      String type = p.getSlidingWindowType();
      b.slidingWindow(
          type == null ? defaults.slidingWindowType() : windowType(type),
          orDefault(p.getSlidingWindowSize(), defaults.slidingWindowSize()));
    }
    set(p.getMinimumNumberOfCalls(), b::minimumNumberOfCalls);
    set(p.getPermittedCallsInHalfOpenState(), b::permittedCallsInHalfOpenState);
    set(p.getWaitInOpenState(), b::waitInOpenState);
    return b.build();
  }

  private static CircuitBreakerConfig.SlidingWindowType windowType(String type) {
    try {
      return CircuitBreakerConfig.SlidingWindowType.valueOf(type.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("slidingWindowType must be COUNT_BASED or TIME_BASED, was '" + type + "'", e);
    }
  }

  private static BulkheadConfig bulkheadConfig(ResilienceProperties.Bulkhead p) {
    BulkheadConfig.Builder b = BulkheadConfig.builder();
    set(p.getMaxConcurrentCalls(), b::maxConcurrentCalls);
    set(p.getMaxWait(), b::maxWait);
    return b.build();
  }

  private static RateLimiterConfig rateLimiterConfig(ResilienceProperties.RateLimiter p) {
    RateLimiterConfig.Builder b = RateLimiterConfig.builder();
    set(p.getLimitForPeriod(), b::limitForPeriod);
    set(p.getPeriod(), b::period);
    set(p.getBurst(), b::burst);
    set(p.getMaxWait(), b::maxWait);
    return b.build();
  }

  private static RetryConfig retryConfig(ResilienceProperties.Retry p) {
    RetryConfig.Builder b = RetryConfig.builder();
    set(p.getMaxAttempts(), b::maxAttempts);
    if (p.getInitialBackoff() != null || p.getBackoffMultiplier() != null || p.getMaxBackoff() != null) {
      RetryConfig d = RetryConfig.ofDefaults();
      b.backoff(orDefault(p.getInitialBackoff(), d.initialBackoff()), orDefault(p.getBackoffMultiplier(), d.multiplier()),
          orDefault(p.getMaxBackoff(), d.maxBackoff()));
    }
    return b.build();
  }

  private static TimeLimiterConfig timeLimiterConfig(ResilienceProperties.TimeLimiter p) {
    TimeLimiterConfig.Builder b = TimeLimiterConfig.builder();
    set(p.getTimeout(), b::timeout);
    set(p.getCancelRunningCall(), b::cancelRunningCall);
    return b.build();
  }

  /** Applies a setting that was given; builder setters return the builder, ignored here. */
  private static <T> void set(@Nullable T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  private static <T> T orDefault(@Nullable T value, T fallback) {
    return value != null ? value : fallback;
  }
}
