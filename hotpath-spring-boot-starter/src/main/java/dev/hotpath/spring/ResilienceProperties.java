package dev.hotpath.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hotpath.resilience.*}: hotpath-resilience guards by name. Each map key is a guard's name;
 * each setting left out keeps the guard's default (the {@code XConfig.ofDefaults()} of
 * hotpath-resilience). Bound only when hotpath-resilience is on the class path; values are checked
 * by the guards' own config builders at startup.
 *
 * <pre>{@code
 * hotpath.resilience.circuit-breakers.inventory.failure-rate-threshold=50
 * hotpath.resilience.circuit-breakers.inventory.wait-in-open-state=10s
 * hotpath.resilience.bulkheads.payments.max-concurrent-calls=20
 * hotpath.resilience.retries.inventory.max-attempts=3
 * }</pre>
 */
@ConfigurationProperties("hotpath.resilience")
public class ResilienceProperties {
  /** The defaults; Spring binds the properties over them. */
  public ResilienceProperties() {}

  /** Whether to create the guards named below as the {@code Guards} bean. */
  private boolean enabled = true;

  /** Circuit breakers by name. */
  private final Map<String, CircuitBreaker> circuitBreakers = new LinkedHashMap<>();

  /** Semaphore bulkheads by name. */
  private final Map<String, Bulkhead> bulkheads = new LinkedHashMap<>();

  /** Rate limiters by name. */
  private final Map<String, RateLimiter> rateLimiters = new LinkedHashMap<>();

  /** Retries by name. */
  private final Map<String, Retry> retries = new LinkedHashMap<>();

  /** Time limiters by name. */
  private final Map<String, TimeLimiter> timeLimiters = new LinkedHashMap<>();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Map<String, CircuitBreaker> getCircuitBreakers() {
    return circuitBreakers;
  }

  public Map<String, Bulkhead> getBulkheads() {
    return bulkheads;
  }

  public Map<String, RateLimiter> getRateLimiters() {
    return rateLimiters;
  }

  public Map<String, Retry> getRetries() {
    return retries;
  }

  public Map<String, TimeLimiter> getTimeLimiters() {
    return timeLimiters;
  }

  /** One circuit breaker's settings; unset ones keep CircuitBreakerConfig's defaults. */
  public static class CircuitBreaker {
    /** The defaults; Spring binds the properties over them. */
    public CircuitBreaker() {}

    /** Failure rate in percent (0-100] at which the breaker opens. */
    private @Nullable Double failureRateThreshold;

    /** Rate of slow calls in percent (0-100] at which the breaker opens. */
    private @Nullable Double slowCallRateThreshold;

    /** Calls at least this long count as slow. */
    private @Nullable Duration slowCallDurationThreshold;

    /** COUNT_BASED (the last N calls) or TIME_BASED (the calls of the last N seconds). */
    private @Nullable String slidingWindowType;

    /** N: calls or seconds in the sliding window. */
    private @Nullable Integer slidingWindowSize;

    /** Calls needed in the window before a rate is judged. */
    private @Nullable Integer minimumNumberOfCalls;

    /** Trial calls let through in half-open state. */
    private @Nullable Integer permittedCallsInHalfOpenState;

    /** How long the breaker stays open before trying again. */
    private @Nullable Duration waitInOpenState;

    public @Nullable Double getFailureRateThreshold() {
      return failureRateThreshold;
    }

    public void setFailureRateThreshold(@Nullable Double v) {
      failureRateThreshold = v;
    }

    public @Nullable Double getSlowCallRateThreshold() {
      return slowCallRateThreshold;
    }

    public void setSlowCallRateThreshold(@Nullable Double v) {
      slowCallRateThreshold = v;
    }

    public @Nullable Duration getSlowCallDurationThreshold() {
      return slowCallDurationThreshold;
    }

    public void setSlowCallDurationThreshold(@Nullable Duration v) {
      slowCallDurationThreshold = v;
    }

    public @Nullable String getSlidingWindowType() {
      return slidingWindowType;
    }

    public void setSlidingWindowType(@Nullable String v) {
      slidingWindowType = v;
    }

    public @Nullable Integer getSlidingWindowSize() {
      return slidingWindowSize;
    }

    public void setSlidingWindowSize(@Nullable Integer v) {
      slidingWindowSize = v;
    }

    public @Nullable Integer getMinimumNumberOfCalls() {
      return minimumNumberOfCalls;
    }

    public void setMinimumNumberOfCalls(@Nullable Integer v) {
      minimumNumberOfCalls = v;
    }

    public @Nullable Integer getPermittedCallsInHalfOpenState() {
      return permittedCallsInHalfOpenState;
    }

    public void setPermittedCallsInHalfOpenState(@Nullable Integer v) {
      permittedCallsInHalfOpenState = v;
    }

    public @Nullable Duration getWaitInOpenState() {
      return waitInOpenState;
    }

    public void setWaitInOpenState(@Nullable Duration v) {
      waitInOpenState = v;
    }
  }

  /** One bulkhead's settings; unset ones keep BulkheadConfig's defaults. */
  public static class Bulkhead {
    /** The defaults; Spring binds the properties over them. */
    public Bulkhead() {}

    /** Calls allowed to run at once. */
    private @Nullable Integer maxConcurrentCalls;

    /** How long a call waits for a free slot before it is rejected (0: not at all). */
    private @Nullable Duration maxWait;

    public @Nullable Integer getMaxConcurrentCalls() {
      return maxConcurrentCalls;
    }

    public void setMaxConcurrentCalls(@Nullable Integer v) {
      maxConcurrentCalls = v;
    }

    public @Nullable Duration getMaxWait() {
      return maxWait;
    }

    public void setMaxWait(@Nullable Duration v) {
      maxWait = v;
    }
  }

  /** One rate limiter's settings; unset ones keep RateLimiterConfig's defaults. */
  public static class RateLimiter {
    /** The defaults; Spring binds the properties over them. */
    public RateLimiter() {}

    /** Calls allowed per period. */
    private @Nullable Integer limitForPeriod;

    /** The period. */
    private @Nullable Duration period;

    /** Calls that may go at once after a quiet time. */
    private @Nullable Integer burst;

    /** How long a call waits for a permit before it is rejected (0: not at all). */
    private @Nullable Duration maxWait;

    public @Nullable Integer getLimitForPeriod() {
      return limitForPeriod;
    }

    public void setLimitForPeriod(@Nullable Integer v) {
      limitForPeriod = v;
    }

    public @Nullable Duration getPeriod() {
      return period;
    }

    public void setPeriod(@Nullable Duration v) {
      period = v;
    }

    public @Nullable Integer getBurst() {
      return burst;
    }

    public void setBurst(@Nullable Integer v) {
      burst = v;
    }

    public @Nullable Duration getMaxWait() {
      return maxWait;
    }

    public void setMaxWait(@Nullable Duration v) {
      maxWait = v;
    }
  }

  /** One retry's settings; unset ones keep RetryConfig's defaults. */
  public static class Retry {
    /** The defaults; Spring binds the properties over them. */
    public Retry() {}

    /** Attempts in all, the first included. */
    private @Nullable Integer maxAttempts;

    /** Backoff before the first retry (with multiplier and max-backoff). */
    private @Nullable Duration initialBackoff;

    /** Backoff growth per retry. */
    private @Nullable Double backoffMultiplier;

    /** Longest backoff. */
    private @Nullable Duration maxBackoff;

    public @Nullable Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(@Nullable Integer v) {
      maxAttempts = v;
    }

    public @Nullable Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(@Nullable Duration v) {
      initialBackoff = v;
    }

    public @Nullable Double getBackoffMultiplier() {
      return backoffMultiplier;
    }

    public void setBackoffMultiplier(@Nullable Double v) {
      backoffMultiplier = v;
    }

    public @Nullable Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(@Nullable Duration v) {
      maxBackoff = v;
    }
  }

  /** One time limiter's settings; unset ones keep TimeLimiterConfig's defaults. */
  public static class TimeLimiter {
    /** The defaults; Spring binds the properties over them. */
    public TimeLimiter() {}

    /** Longest a call may take. */
    private @Nullable Duration timeout;

    /** Whether a call that times out is interrupted. */
    private @Nullable Boolean cancelRunningCall;

    public @Nullable Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(@Nullable Duration v) {
      timeout = v;
    }

    public @Nullable Boolean getCancelRunningCall() {
      return cancelRunningCall;
    }

    public void setCancelRunningCall(@Nullable Boolean v) {
      cancelRunningCall = v;
    }
  }
}
