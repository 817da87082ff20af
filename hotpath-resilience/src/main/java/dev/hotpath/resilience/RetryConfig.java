package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.atLeast;
import static dev.hotpath.resilience.internal.Checks.inRange;
import static dev.hotpath.resilience.internal.Checks.nonNegative;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of a {@link Retry}; {@link Builder#build()} checks every setting
 * and names the one out of range. Thread-safe (immutable).
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
   * {@link Exception} except a {@link RejectedCallException} (an open breaker, a full bulkhead or
   * an exhausted limiter will not change in a few milliseconds, and retrying a shed call is the
   * load that shedding was meant to avoid), no result retried, no budget.
   */
  public static RetryConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}'s settings. */
  public static Builder from(RetryConfig base) {
    Objects.requireNonNull(base, "base");
    Builder b = new Builder();
    b.maxAttempts = base.maxAttempts;
    b.initialBackoff = base.initialBackoff;
    b.multiplier = base.multiplier;
    b.maxBackoff = base.maxBackoff;
    b.fullJitter = base.fullJitter;
    b.retryOnException = base.retryOnException;
    b.retryOnResult = base.retryOnResult;
    b.budget = base.budget;
    return b;
  }

  /** Total attempts including the first, [1, 1000]. */
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

  /** The retry budget, if any. */
  public Optional<RetryBudget> budget() {
    return Optional.ofNullable(budget);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RetryConfig c && maxAttempts == c.maxAttempts
        && initialBackoff.equals(c.initialBackoff)
        && Double.compare(multiplier, c.multiplier) == 0 && maxBackoff.equals(c.maxBackoff)
        && fullJitter == c.fullJitter && retryOnException.equals(c.retryOnException)
        && retryOnResult.equals(c.retryOnResult) && Objects.equals(budget, c.budget);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, initialBackoff, multiplier, maxBackoff, fullJitter,
        retryOnException, retryOnResult, budget);
  }

  @Override
  public String toString() {
    return "RetryConfig{maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + " x"
        + multiplier + " up to " + maxBackoff + (fullJitter ? " with full jitter" : "")
        + ", budget=" + (budget == null ? "none" : budget) + "}";
  }

  /** Builds a {@link RetryConfig}: setters only reject {@code null}, {@link #build()} validates. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(100);
    private double multiplier = 2.0;
    private Duration maxBackoff = Duration.ofSeconds(10);
    private boolean fullJitter = true;
    private Predicate<Throwable> retryOnException = Builder::exceptionButNotARejection;
    private Predicate<@Nullable Object> retryOnResult = Builder::noResult;
    private @Nullable RetryBudget budget;

    private Builder() {}

    /** Any exception except a rejection by one of this module's guards. */
    private static boolean exceptionButNotARejection(Throwable error) {
      return error instanceof Exception && !(error instanceof RejectedCallException);
    }

    private static boolean noResult(@Nullable Object result) {
      return false;
    }

    /** Total attempts including the first, [1, 1000]; default 3. */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Exponential backoff: {@code initial >= 0}, {@code multiplier} in [1, 100], {@code max >=
     * initial}; default 100 ms, 2, 10 s.
     */
    public Builder backoff(Duration initial, double multiplier, Duration max) {
      this.initialBackoff = Objects.requireNonNull(initial, "RetryConfig.initialBackoff");
      this.multiplier = multiplier;
      this.maxBackoff = Objects.requireNonNull(max, "RetryConfig.maxBackoff");
      return this;
    }

    /** Full jitter on (default) or off. */
    public Builder fullJitter(boolean on) {
      this.fullJitter = on;
      return this;
    }

    /** Which exceptions are retried; default any {@link Exception} but a {@link RejectedCallException}. */
    public Builder retryOnException(Predicate<Throwable> predicate) {
      this.retryOnException = Objects.requireNonNull(predicate, "RetryConfig.retryOnException");
      return this;
    }

    /** Which results are retried; default none. */
    public Builder retryOnResult(Predicate<@Nullable Object> predicate) {
      this.retryOnResult = Objects.requireNonNull(predicate, "RetryConfig.retryOnResult");
      return this;
    }

    /** A budget capping retries; share one budget among retries of the same dependency. */
    public Builder budget(RetryBudget budget) {
      this.budget = Objects.requireNonNull(budget, "RetryConfig.budget");
      return this;
    }

    /** No budget (the default): only {@code maxAttempts} bounds the retries. */
    public Builder noBudget() {
      this.budget = null;
      return this;
    }

    /**
     * Validates every setting and combination, and builds.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public RetryConfig build() {
      inRange("RetryConfig.maxAttempts", maxAttempts, 1, 1000);
      nonNegative("RetryConfig.initialBackoff", initialBackoff);
      inRange("RetryConfig.multiplier", multiplier, 1.0, 100.0);
      atLeast("RetryConfig.maxBackoff", maxBackoff, "initialBackoff", initialBackoff);
      return new RetryConfig(this);
    }
  }
}
