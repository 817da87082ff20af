package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.inRange;
import static dev.hotpath.resilience.internal.Checks.nonNegative;
import static dev.hotpath.resilience.internal.Checks.positive;

import java.time.Duration;

/**
 * Immutable, validated settings of a {@link RateLimiter}: a sustained rate of {@code
 * limitForPeriod} calls per {@code period}, bursts of up to {@code burst} calls at once, and how
 * long a caller may wait for a permit.
 *
 * <pre>{@code
 * RateLimiterConfig config = RateLimiterConfig.builder()
 *     .limitForPeriod(100).period(Duration.ofSeconds(1)) // 100/s sustained
 *     .burst(20)                                         // up to 20 back to back
 *     .maxWait(Duration.ofMillis(5))
 *     .build();
 * }</pre>
 *
 * @param limitForPeriod calls allowed per period, sustained, [1, 1_000_000_000]
 * @param period the period, > 0; {@code period / limitForPeriod} must be at least 1 ns
 * @param burst calls that may pass back to back after an idle spell, [1, 1_000_000_000]
 * @param maxWait how long a caller waits for a permit; zero rejects at once
 */
public record RateLimiterConfig(int limitForPeriod, Duration period, int burst, Duration maxWait) {

  private static final RateLimiterConfig DEFAULTS = builder().build();

  /** Validates every setting. */
  public RateLimiterConfig {
    inRange("limitForPeriod", limitForPeriod, 1, 1_000_000_000);
    positive("period", period);
    inRange("burst", burst, 1, 1_000_000_000);
    nonNegative("maxWait", maxWait);
    if (period.toNanos() / limitForPeriod < 1) {
      throw new IllegalArgumentException("period / limitForPeriod must be >= 1 ns, was "
          + period + " / " + limitForPeriod);
    }
  }

  /** Defaults: 50 calls per second, bursts of 50, no waiting. */
  public static RateLimiterConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Nanoseconds between permits at the sustained rate. */
  long emissionIntervalNanos() {
    return period.toNanos() / limitForPeriod;
  }

  /** Builds a {@link RateLimiterConfig}; not thread-safe. The burst defaults to the limit. */
  public static final class Builder {
    private int limitForPeriod = 50;
    private Duration period = Duration.ofSeconds(1);
    private int burst = -1;
    private Duration maxWait = Duration.ZERO;

    private Builder() {}

    /** Calls per period. */
    public Builder limitForPeriod(int limit) {
      this.limitForPeriod = limit;
      return this;
    }

    /** The period. */
    public Builder period(Duration period) {
      this.period = period;
      return this;
    }

    /** Calls that may pass back to back (default: limitForPeriod). */
    public Builder burst(int burst) {
      this.burst = burst;
      return this;
    }

    /** Longest wait for a permit. */
    public Builder maxWait(Duration wait) {
      this.maxWait = wait;
      return this;
    }

    /** Validates and builds. */
    public RateLimiterConfig build() {
      return new RateLimiterConfig(limitForPeriod, period, burst < 0 ? limitForPeriod : burst,
          maxWait);
    }
  }
}
