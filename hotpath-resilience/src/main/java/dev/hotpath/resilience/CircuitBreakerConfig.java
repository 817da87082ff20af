package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.inRange;
import static dev.hotpath.resilience.internal.Checks.positive;

import dev.hotpath.resilience.internal.DefaultEventExecutor;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of a {@link CircuitBreaker}.
 *
 * <p>The builder rejects a bad value with an {@link IllegalArgumentException} naming the setting,
 * the value and the allowed range; nothing is clamped. Thread-safe (immutable).
 *
 * <pre>{@code
 * CircuitBreakerConfig config = CircuitBreakerConfig.builder()
 *     .failureRateThreshold(50)
 *     .slowCallDurationThreshold(Duration.ofMillis(500))
 *     .slidingWindow(SlidingWindowType.COUNT_BASED, 100)
 *     .minimumNumberOfCalls(20)
 *     .waitInOpenState(Duration.ofSeconds(10))
 *     .ignoreExceptions(e -> e instanceof IllegalArgumentException)
 *     .build();
 * }</pre>
 */
public final class CircuitBreakerConfig {

  /** How the window of recent calls that decides CLOSED→OPEN is measured. */
  public enum SlidingWindowType {
    /** The last {@code slidingWindowSize} calls. */
    COUNT_BASED,
    /** The calls of the last {@code slidingWindowSize} seconds (one bucket per second). */
    TIME_BASED
  }

  private static final CircuitBreakerConfig DEFAULTS = builder().build();

  private final double failureRateThreshold;
  private final double slowCallRateThreshold;
  private final Duration slowCallDurationThreshold;
  private final SlidingWindowType slidingWindowType;
  private final int slidingWindowSize;
  private final int minimumNumberOfCalls;
  private final int permittedCallsInHalfOpenState;
  private final Duration waitInOpenState;
  private final double openWaitMultiplier;
  private final Duration maxWaitInOpenState;
  private final Duration maxWaitInHalfOpenState;
  private final Predicate<Throwable> recordFailure;
  private final Predicate<Throwable> ignoreException;
  private final Predicate<@Nullable Object> recordResult;
  private final Executor eventExecutor;

  private CircuitBreakerConfig(Builder b) {
    this.failureRateThreshold = b.failureRateThreshold;
    this.slowCallRateThreshold = b.slowCallRateThreshold;
    this.slowCallDurationThreshold = b.slowCallDurationThreshold;
    this.slidingWindowType = b.slidingWindowType;
    this.slidingWindowSize = b.slidingWindowSize;
    this.minimumNumberOfCalls = b.minimumNumberOfCalls;
    this.permittedCallsInHalfOpenState = b.permittedCallsInHalfOpenState;
    this.waitInOpenState = b.waitInOpenState;
    this.openWaitMultiplier = b.openWaitMultiplier;
    this.maxWaitInOpenState = b.maxWaitInOpenState;
    this.maxWaitInHalfOpenState = b.maxWaitInHalfOpenState;
    this.recordFailure = b.recordFailure;
    this.ignoreException = b.ignoreException;
    this.recordResult = b.recordResult;
    this.eventExecutor = b.eventExecutor;
  }

  /**
   * Defaults: failure rate 50 %, slow-call rate 100 % of calls slower than 60 s (effectively
   * off), count-based window of 100 calls, decisions after 20 calls, 10 trial calls in HALF_OPEN,
   * 30 s in OPEN (not growing), at most 60 s in HALF_OPEN waiting for trial results, every
   * exception a failure, no result a failure, events on a shared daemon thread.
   */
  public static CircuitBreakerConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(CircuitBreakerConfig base) {
    return new Builder(base);
  }

  /** Percentage of failed calls in the window at or above which the breaker opens; (0, 100]. */
  public double failureRateThreshold() {
    return failureRateThreshold;
  }

  /** Percentage of slow calls in the window at or above which the breaker opens; (0, 100]. */
  public double slowCallRateThreshold() {
    return slowCallRateThreshold;
  }

  /** A call taking at least this long counts as slow. */
  public Duration slowCallDurationThreshold() {
    return slowCallDurationThreshold;
  }

  /** Whether the window counts calls or seconds. */
  public SlidingWindowType slidingWindowType() {
    return slidingWindowType;
  }

  /** Size of the window: calls (COUNT_BASED) or seconds (TIME_BASED). */
  public int slidingWindowSize() {
    return slidingWindowSize;
  }

  /** Calls the window must hold before a rate is evaluated. */
  public int minimumNumberOfCalls() {
    return minimumNumberOfCalls;
  }

  /** Trial calls admitted in HALF_OPEN; the breaker decides once they have all finished. */
  public int permittedCallsInHalfOpenState() {
    return permittedCallsInHalfOpenState;
  }

  /** Time in OPEN before the first trial calls are admitted. */
  public Duration waitInOpenState() {
    return waitInOpenState;
  }

  /** Factor the open wait grows by on each consecutive re-open (1 = fixed). */
  public double openWaitMultiplier() {
    return openWaitMultiplier;
  }

  /** Upper bound of the growing open wait. */
  public Duration maxWaitInOpenState() {
    return maxWaitInOpenState;
  }

  /**
   * Longest time HALF_OPEN waits for its trial calls to report; after that, when all permits are
   * taken, it re-opens. This guards against trial permits that are taken but never recorded.
   */
  public Duration maxWaitInHalfOpenState() {
    return maxWaitInHalfOpenState;
  }

  /** Which exceptions count as failures (unless ignored). */
  public Predicate<Throwable> recordFailure() {
    return recordFailure;
  }

  /** Which exceptions are ignored: neither success nor failure, their permit is released. */
  public Predicate<Throwable> ignoreException() {
    return ignoreException;
  }

  /** Which results count as failures (e.g. an HTTP 503 response object). */
  public Predicate<@Nullable Object> recordResult() {
    return recordResult;
  }

  /** Where state-transition and rejection events are delivered to listeners. */
  public Executor eventExecutor() {
    return eventExecutor;
  }

  @Override
  public String toString() {
    return "CircuitBreakerConfig{failureRate=" + failureRateThreshold + "%, slowCallRate="
        + slowCallRateThreshold + "% of calls >= " + slowCallDurationThreshold + ", window="
        + slidingWindowType + "/" + slidingWindowSize + ", minimumCalls=" + minimumNumberOfCalls
        + ", halfOpenCalls=" + permittedCallsInHalfOpenState + ", waitInOpen=" + waitInOpenState
        + " x" + openWaitMultiplier + " up to " + maxWaitInOpenState + ", maxWaitInHalfOpen="
        + maxWaitInHalfOpenState + "}";
  }

  /** Builds a {@link CircuitBreakerConfig}; not thread-safe. */
  public static final class Builder {
    private double failureRateThreshold = 50;
    private double slowCallRateThreshold = 100;
    private Duration slowCallDurationThreshold = Duration.ofSeconds(60);
    private SlidingWindowType slidingWindowType = SlidingWindowType.COUNT_BASED;
    private int slidingWindowSize = 100;
    private int minimumNumberOfCalls = 20;
    private int permittedCallsInHalfOpenState = 10;
    private Duration waitInOpenState = Duration.ofSeconds(30);
    private double openWaitMultiplier = 1.0;
    private Duration maxWaitInOpenState = Duration.ofMinutes(10);
    private Duration maxWaitInHalfOpenState = Duration.ofSeconds(60);
    private Predicate<Throwable> recordFailure = t -> true;
    private Predicate<Throwable> ignoreException = t -> false;
    private Predicate<@Nullable Object> recordResult = r -> false;
    private Executor eventExecutor = DefaultEventExecutor.get();

    private Builder() {}

    private Builder(CircuitBreakerConfig c) {
      failureRateThreshold = c.failureRateThreshold;
      slowCallRateThreshold = c.slowCallRateThreshold;
      slowCallDurationThreshold = c.slowCallDurationThreshold;
      slidingWindowType = c.slidingWindowType;
      slidingWindowSize = c.slidingWindowSize;
      minimumNumberOfCalls = c.minimumNumberOfCalls;
      permittedCallsInHalfOpenState = c.permittedCallsInHalfOpenState;
      waitInOpenState = c.waitInOpenState;
      openWaitMultiplier = c.openWaitMultiplier;
      maxWaitInOpenState = c.maxWaitInOpenState;
      maxWaitInHalfOpenState = c.maxWaitInHalfOpenState;
      recordFailure = c.recordFailure;
      ignoreException = c.ignoreException;
      recordResult = c.recordResult;
      eventExecutor = c.eventExecutor;
    }

    /** Failure-rate threshold in percent, (0, 100]. */
    public Builder failureRateThreshold(double percent) {
      if (!(percent > 0 && percent <= 100)) {
        throw new IllegalArgumentException(
            "failureRateThreshold must be in (0, 100] percent, was " + percent);
      }
      this.failureRateThreshold = percent;
      return this;
    }

    /** Slow-call-rate threshold in percent, (0, 100]. */
    public Builder slowCallRateThreshold(double percent) {
      if (!(percent > 0 && percent <= 100)) {
        throw new IllegalArgumentException(
            "slowCallRateThreshold must be in (0, 100] percent, was " + percent);
      }
      this.slowCallRateThreshold = percent;
      return this;
    }

    /** Duration from which a call counts as slow; > 0. */
    public Builder slowCallDurationThreshold(Duration threshold) {
      this.slowCallDurationThreshold = positive("slowCallDurationThreshold", threshold);
      return this;
    }

    /** Window type and size (calls, or seconds for TIME_BASED), size in [1, 1_000_000]. */
    public Builder slidingWindow(SlidingWindowType type, int size) {
      this.slidingWindowType = Objects.requireNonNull(type, "slidingWindowType");
      this.slidingWindowSize = inRange("slidingWindowSize", size, 1, 1_000_000);
      return this;
    }

    /** Calls needed in the window before rates are evaluated; >= 1 (and, for COUNT_BASED, <= window size). */
    public Builder minimumNumberOfCalls(int calls) {
      this.minimumNumberOfCalls = inRange("minimumNumberOfCalls", calls, 1, Integer.MAX_VALUE);
      return this;
    }

    /** Trial calls in HALF_OPEN, [1, 100_000]. */
    public Builder permittedCallsInHalfOpenState(int calls) {
      this.permittedCallsInHalfOpenState =
          inRange("permittedCallsInHalfOpenState", calls, 1, 100_000);
      return this;
    }

    /** Wait in OPEN before trial calls, > 0. */
    public Builder waitInOpenState(Duration wait) {
      this.waitInOpenState = positive("waitInOpenState", wait);
      return this;
    }

    /**
     * Grows the open wait by {@code multiplier} on each consecutive re-open (HALF_OPEN→OPEN), up to
     * {@code max}; multiplier in [1, 100], max >= waitInOpenState (checked at build).
     */
    public Builder openWaitBackoff(double multiplier, Duration max) {
      this.openWaitMultiplier = inRange("openWaitMultiplier", multiplier, 1.0, 100.0);
      this.maxWaitInOpenState = positive("maxWaitInOpenState", max);
      return this;
    }

    /** Longest wait for trial results in HALF_OPEN before re-opening, > 0. */
    public Builder maxWaitInHalfOpenState(Duration wait) {
      this.maxWaitInHalfOpenState = positive("maxWaitInHalfOpenState", wait);
      return this;
    }

    /** Exceptions counting as failures (default: all that are not ignored). */
    public Builder recordFailure(Predicate<Throwable> predicate) {
      this.recordFailure = Objects.requireNonNull(predicate, "recordFailure");
      return this;
    }

    /** Exceptions that count neither way; their permit is released (default: none). */
    public Builder ignoreExceptions(Predicate<Throwable> predicate) {
      this.ignoreException = Objects.requireNonNull(predicate, "ignoreExceptions");
      return this;
    }

    /** Results counting as failures (default: none). */
    public Builder recordResult(Predicate<@Nullable Object> predicate) {
      this.recordResult = Objects.requireNonNull(predicate, "recordResult");
      return this;
    }

    /** Executor delivering events to listeners (use {@code Runnable::run} in tests). */
    public Builder eventExecutor(Executor executor) {
      this.eventExecutor = Objects.requireNonNull(executor, "eventExecutor");
      return this;
    }

    /**
     * Validates cross-setting rules and builds.
     *
     * @throws IllegalArgumentException if minimumNumberOfCalls exceeds a COUNT_BASED window, or
     *     maxWaitInOpenState is shorter than waitInOpenState
     */
    public CircuitBreakerConfig build() {
      if (slidingWindowType == SlidingWindowType.COUNT_BASED
          && minimumNumberOfCalls > slidingWindowSize) {
        throw new IllegalArgumentException("minimumNumberOfCalls must be in [1, slidingWindowSize="
            + slidingWindowSize + "] for a COUNT_BASED window, was " + minimumNumberOfCalls);
      }
      if (maxWaitInOpenState.compareTo(waitInOpenState) < 0) {
        throw new IllegalArgumentException("maxWaitInOpenState must be >= waitInOpenState ("
            + waitInOpenState + "), was " + maxWaitInOpenState);
      }
      return new CircuitBreakerConfig(this);
    }
  }
}
