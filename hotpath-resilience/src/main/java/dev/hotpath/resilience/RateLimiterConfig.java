package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.inRange;
import static dev.hotpath.resilience.internal.Checks.nonNegative;
import static dev.hotpath.resilience.internal.Checks.positive;

import dev.hotpath.resilience.internal.Checks;
import dev.hotpath.resilience.internal.DefaultEventExecutor;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of a {@link RateLimiter}: a sustained rate of {@code
 * limitForPeriod} calls per {@code period}, bursts of up to {@code burst} calls back to back, and
 * how long a caller may wait for a permit. Thread-safe (immutable).
 *
 * <p>What a rate means here: permits are spaced {@code period / limitForPeriod} apart (rounded up
 * to the nanosecond, so never faster than asked), and {@code burst} of them may be saved up while
 * the limiter is idle. In <em>any</em> window of one period at most {@code limitForPeriod + burst
 * - 1} calls pass. The default burst is 1: a 1000/s limiter admits at most 1000 calls in any
 * second, the first one included, spaced at least 1 ms apart. Raise the burst to absorb
 * simultaneous arrivals (or give callers a small {@code maxWait} instead, which keeps the bound).
 *
 * <pre>{@code
 * RateLimiterConfig config = RateLimiterConfig.builder()
 *     .limitForPeriod(100).period(Duration.ofSeconds(1)) // 100/s sustained
 *     .burst(20)                                         // up to 20 back to back: <= 119 in any second
 *     .maxWait(Duration.ofMillis(5))
 *     .build();
 * }</pre>
 */
public final class RateLimiterConfig {
  private static final RateLimiterConfig DEFAULTS = builder().build();

  private final int limitForPeriod;
  private final Duration period;
  private final int burst;
  private final Duration maxWait;
  private final Executor eventExecutor;

  private RateLimiterConfig(Builder b) {
    this.limitForPeriod = b.limitForPeriod;
    this.period = b.period;
    this.burst = b.burst;
    this.maxWait = b.maxWait;
    this.eventExecutor = b.eventExecutor;
  }

  /** Defaults: 50 calls per second, burst 1 (evenly spaced), no waiting. */
  public static RateLimiterConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}'s settings. */
  public static Builder from(RateLimiterConfig base) {
    Objects.requireNonNull(base, "base");
    return new Builder().limitForPeriod(base.limitForPeriod).period(base.period).burst(base.burst)
        .maxWait(base.maxWait).eventExecutor(base.eventExecutor);
  }

  /** Calls allowed per period, sustained, [1, 1_000_000_000]. */
  public int limitForPeriod() {
    return limitForPeriod;
  }

  /** The period, > 0, at least {@code limitForPeriod} nanoseconds. */
  public Duration period() {
    return period;
  }

  /** Calls that may pass back to back after an idle spell, [1, 1_000_000_000]. */
  public int burst() {
    return burst;
  }

  /** How long a caller waits for a permit; zero rejects at once. */
  public Duration maxWait() {
    return maxWait;
  }

  /** Where rejection events are delivered to listeners. */
  public Executor eventExecutor() {
    return eventExecutor;
  }

  /** Nanoseconds between permits at the sustained rate, rounded up. */
  long emissionIntervalNanos() {
    return Math.ceilDiv(Checks.saturatedNanos(period), limitForPeriod);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RateLimiterConfig c && limitForPeriod == c.limitForPeriod
        && period.equals(c.period) && burst == c.burst && maxWait.equals(c.maxWait)
        && eventExecutor.equals(c.eventExecutor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(limitForPeriod, period, burst, maxWait, eventExecutor);
  }

  @Override
  public String toString() {
    return "RateLimiterConfig{" + limitForPeriod + " per " + period + ", burst=" + burst
        + ", maxWait=" + maxWait + "}";
  }

  /** Builds a {@link RateLimiterConfig}: setters only reject {@code null}, {@link #build()} validates. */
  public static final class Builder {
    private int limitForPeriod = 50;
    private Duration period = Duration.ofSeconds(1);
    private int burst = 1;
    private Duration maxWait = Duration.ZERO;
    private Executor eventExecutor = DefaultEventExecutor.get();

    private Builder() {}

    /** Calls per period, [1, 1_000_000_000]; default 50. */
    public Builder limitForPeriod(int limit) {
      this.limitForPeriod = limit;
      return this;
    }

    /** The period, > 0; default 1 s. */
    public Builder period(Duration period) {
      this.period = Objects.requireNonNull(period, "RateLimiterConfig.period");
      return this;
    }

    /** Calls that may pass back to back after an idle spell, [1, 1_000_000_000]; default 1. */
    public Builder burst(int burst) {
      this.burst = burst;
      return this;
    }

    /** Longest wait for a permit, >= 0; default 0 (reject at once). */
    public Builder maxWait(Duration wait) {
      this.maxWait = Objects.requireNonNull(wait, "RateLimiterConfig.maxWait");
      return this;
    }

    /** Executor delivering rejection events (use {@code Runnable::run} in tests). */
    public Builder eventExecutor(Executor executor) {
      this.eventExecutor = Objects.requireNonNull(executor, "RateLimiterConfig.eventExecutor");
      return this;
    }

    /**
     * Validates every setting and combination, and builds.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public RateLimiterConfig build() {
      inRange("RateLimiterConfig.limitForPeriod", limitForPeriod, 1, 1_000_000_000);
      positive("RateLimiterConfig.period", period);
      inRange("RateLimiterConfig.burst", burst, 1, 1_000_000_000);
      nonNegative("RateLimiterConfig.maxWait", maxWait);
      if (Checks.saturatedNanos(period) < limitForPeriod) {
        throw new IllegalArgumentException("RateLimiterConfig.period must be >= limitForPeriod ("
            + limitForPeriod + ") nanoseconds, was " + period);
      }
      return new RateLimiterConfig(this);
    }
  }
}
