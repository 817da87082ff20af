package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.inRange;
import static dev.hotpath.resilience.internal.Checks.nonNegative;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of a {@link Retry}.
 *
 * <p>Backoff before retry {@code n} (1-based) is drawn uniformly from {@code [0, min(maxBackoff,
 * initialBackoff * multiplier^(n-1))]} ("full jitter", which spreads retries of many clients
 * apart), or is exactly that bound when jitter is off.
 *
 * <pre>{@code
 * RetryConfig config = RetryConfig.builder()
 *     .maxAttempts(3)
 *     .backoff(Duration.ofMillis(50), 2.0, Duration.ofSeconds(1))
 *     .retryOnException(e -> e instanceof IOException)
 *     .budget(RetryBudget.of(0.1, 5, 100))
 *     .build();
 * }</pre>
 */
public final class RetryConfig {
  private static final RetryConfig DEFAULTS = builder().build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final double multiplier;
  private final Duration maxBackoff;
  private final boolean fullJitter;
  private final Predicate<Throwable> retryOnException;
  private final Predicate<@Nullable Object> retryOnResult;
  private final @Nullable RetryBudget budget;

  private RetryConfig(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.multiplier = b.multiplier;
    this.maxBackoff = b.maxBackoff;
    this.fullJitter = b.fullJitter;
    this.retryOnException = b.retryOnException;
    this.retryOnResult = b.retryOnResult;
    this.budget = b.budget;
  }

  /**
   * Defaults: 3 attempts, backoff 100 ms doubling up to 10 s with full jitter, retry on any
   * {@link Exception} except the rejections of this module (an open breaker, a full bulkhead or
   * an exhausted limiter will not change in a few milliseconds), no result retried, no budget.
   */
  public static RetryConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Total attempts including the first, >= 1. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Backoff bound before the first retry. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** Growth of the backoff bound per retry. */
  public double multiplier() {
    return multiplier;
  }

  /** Upper bound of the backoff. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Whether the backoff is drawn from [0, bound] (true) or equals the bound. */
  public boolean fullJitter() {
    return fullJitter;
  }

  /** Which exceptions are retried. */
  public Predicate<Throwable> retryOnException() {
    return retryOnException;
  }

  /** Which results are retried (e.g. a 503 response). */
  public Predicate<@Nullable Object> retryOnResult() {
    return retryOnResult;
  }

  /** The retry budget, or null for none. */
  public @Nullable RetryBudget budget() {
    return budget;
  }

  /** Builds a {@link RetryConfig}; not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(100);
    private double multiplier = 2.0;
    private Duration maxBackoff = Duration.ofSeconds(10);
    private boolean fullJitter = true;
    private Predicate<Throwable> retryOnException = e -> e instanceof Exception
        && !(e instanceof CallNotPermittedException)
        && !(e instanceof BulkheadFullException)
        && !(e instanceof RequestNotPermittedException)
        && !(e instanceof LimitExceededException);
    private Predicate<@Nullable Object> retryOnResult = r -> false;
    private @Nullable RetryBudget budget;

    private Builder() {}

    /** Total attempts including the first, [1, 1000]. */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = inRange("maxAttempts", attempts, 1, 1000);
      return this;
    }

    /**
     * Exponential backoff: {@code initial >= 0}, {@code multiplier} in [1, 100], {@code max >=
     * initial}.
     */
    public Builder backoff(Duration initial, double multiplier, Duration max) {
      nonNegative("initialBackoff", initial);
      this.multiplier = inRange("backoffMultiplier", multiplier, 1.0, 100.0);
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "maxBackoff must be >= initialBackoff (" + initial + "), was " + max);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** Full jitter on (default) or off. */
    public Builder fullJitter(boolean on) {
      this.fullJitter = on;
      return this;
    }

    /** Which exceptions are retried. */
    public Builder retryOnException(Predicate<Throwable> predicate) {
      this.retryOnException = Objects.requireNonNull(predicate, "retryOnException");
      return this;
    }

    /** Which results are retried. */
    public Builder retryOnResult(Predicate<@Nullable Object> predicate) {
      this.retryOnResult = Objects.requireNonNull(predicate, "retryOnResult");
      return this;
    }

    /** A budget capping retries; share one budget among retries of the same dependency. */
    public Builder budget(RetryBudget budget) {
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /** Builds the config. */
    public RetryConfig build() {
      return new RetryConfig(this);
    }
  }
}
