package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.atLeast;
import static dev.hotpath.resilience.internal.Checks.inHalfOpenRange;
import static dev.hotpath.resilience.internal.Checks.inRange;
import static dev.hotpath.resilience.internal.Checks.positive;

import dev.hotpath.resilience.internal.DefaultEventExecutor;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of a {@link CircuitBreaker}; one config may serve many breakers.
 *
 * <p>{@link Builder#build()} checks every setting and combination and throws an {@link
 * IllegalArgumentException} naming the setting, the allowed range and the value; nothing is
 * clamped. Thread-safe (immutable).
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
  private final boolean recordRejectedCalls;
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
    this.recordRejectedCalls = b.recordRejectedCalls;
    this.eventExecutor = b.eventExecutor;
  }

  /**
   * Defaults: failure rate 50 %, slow-call rate 100 % of calls slower than 60 s (effectively
   * off), count-based window of 100 calls, decisions after 20 calls, 10 trial calls in HALF_OPEN,
   * 30 s in OPEN (not growing), at most 60 s in HALF_OPEN waiting for trial results, every
   * exception a failure except rejections by inner guards (ignored), no result a failure, events
   * on a shared daemon thread.
   */
  public static CircuitBreakerConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}'s settings. */
  public static Builder from(CircuitBreakerConfig base) {
    return new Builder(Objects.requireNonNull(base, "base"));
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

  /** Which exceptions count as failures (unless ignored); the others count as successes. */
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

  /**
   * Whether a {@link RejectedCallException} thrown by a guard inside the breaker (a full
   * bulkhead, an exhausted rate limiter, an inner breaker) goes through {@link #recordFailure()}
   * like any exception (true), or is ignored (false, the default): a rejection by our own guard
   * says nothing about the dependency, and twenty of them must not open the breaker in front of
   * a healthy one.
   */
  public boolean recordRejectedCalls() {
    return recordRejectedCalls;
  }

  /** Where state-transition and rejection events are delivered to listeners. */
  public Executor eventExecutor() {
    return eventExecutor;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CircuitBreakerConfig c
        && Double.compare(failureRateThreshold, c.failureRateThreshold) == 0
        && Double.compare(slowCallRateThreshold, c.slowCallRateThreshold) == 0
        && slowCallDurationThreshold.equals(c.slowCallDurationThreshold)
        && slidingWindowType == c.slidingWindowType
        && slidingWindowSize == c.slidingWindowSize
        && minimumNumberOfCalls == c.minimumNumberOfCalls
        && permittedCallsInHalfOpenState == c.permittedCallsInHalfOpenState
        && waitInOpenState.equals(c.waitInOpenState)
        && Double.compare(openWaitMultiplier, c.openWaitMultiplier) == 0
        && maxWaitInOpenState.equals(c.maxWaitInOpenState)
        && maxWaitInHalfOpenState.equals(c.maxWaitInHalfOpenState)
        && recordFailure.equals(c.recordFailure)
        && ignoreException.equals(c.ignoreException)
        && recordResult.equals(c.recordResult)
        && recordRejectedCalls == c.recordRejectedCalls
        && eventExecutor.equals(c.eventExecutor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(failureRateThreshold, slowCallRateThreshold, slowCallDurationThreshold,
        slidingWindowType, slidingWindowSize, minimumNumberOfCalls, permittedCallsInHalfOpenState,
        waitInOpenState, openWaitMultiplier, maxWaitInOpenState, maxWaitInHalfOpenState,
        recordFailure, ignoreException, recordResult, recordRejectedCalls, eventExecutor);
  }

  @Override
  public String toString() {
    return "CircuitBreakerConfig{failureRate=" + failureRateThreshold + "%, slowCallRate="
        + slowCallRateThreshold + "% of calls >= " + slowCallDurationThreshold + ", window="
        + slidingWindowType + "/" + slidingWindowSize + ", minimumCalls=" + minimumNumberOfCalls
        + ", halfOpenCalls=" + permittedCallsInHalfOpenState + ", waitInOpen=" + waitInOpenState
        + " x" + openWaitMultiplier + " up to " + maxWaitInOpenState + ", maxWaitInHalfOpen="
        + maxWaitInHalfOpenState + ", recordRejectedCalls=" + recordRejectedCalls + "}";
  }

  /**
   * Builds a {@link CircuitBreakerConfig}: setters only reject {@code null}, {@link #build()}
   * validates. Not thread-safe.
   */
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
    private Predicate<Throwable> recordFailure = Builder::anyException;
    private Predicate<Throwable> ignoreException = Builder::noException;
    private Predicate<@Nullable Object> recordResult = Builder::noResult;
    private boolean recordRejectedCalls;
    private Executor eventExecutor = DefaultEventExecutor.get();

    private Builder() {}

    private static boolean anyException(Throwable error) {
      return true;
    }

    private static boolean noException(Throwable error) {
      return false;
    }

    private static boolean noResult(@Nullable Object result) {
      return false;
    }

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
      recordRejectedCalls = c.recordRejectedCalls;
      eventExecutor = c.eventExecutor;
    }

    /** Failure-rate threshold in percent, (0, 100]; default 50. */
    public Builder failureRateThreshold(double percent) {
      this.failureRateThreshold = percent;
      return this;
    }

    /** Slow-call-rate threshold in percent, (0, 100]; default 100. */
    public Builder slowCallRateThreshold(double percent) {
      this.slowCallRateThreshold = percent;
      return this;
    }

    /** Duration from which a call counts as slow, > 0; default 60 s. */
    public Builder slowCallDurationThreshold(Duration threshold) {
      this.slowCallDurationThreshold =
          Objects.requireNonNull(threshold, "CircuitBreakerConfig.slowCallDurationThreshold");
      return this;
    }

    /**
     * Window type and size (calls, or seconds for TIME_BASED), size in [1, 1_000_000]; default
     * COUNT_BASED, 100.
     */
    public Builder slidingWindow(SlidingWindowType type, int size) {
      this.slidingWindowType = Objects.requireNonNull(type, "CircuitBreakerConfig.slidingWindowType");
      this.slidingWindowSize = size;
      return this;
    }

    /**
     * Calls needed in the window before rates are evaluated, >= 1 and, for COUNT_BASED, at most
     * the window size; default 20.
     */
    public Builder minimumNumberOfCalls(int calls) {
      this.minimumNumberOfCalls = calls;
      return this;
    }

    /** Trial calls in HALF_OPEN, [1, 100_000]; default 10. */
    public Builder permittedCallsInHalfOpenState(int calls) {
      this.permittedCallsInHalfOpenState = calls;
      return this;
    }

    /** Wait in OPEN before trial calls, > 0; default 30 s. */
    public Builder waitInOpenState(Duration wait) {
      this.waitInOpenState = Objects.requireNonNull(wait, "CircuitBreakerConfig.waitInOpenState");
      return this;
    }

    /**
     * Grows the open wait by {@code multiplier} on each consecutive re-open (HALF_OPEN→OPEN), up to
     * {@code max}: multiplier in [1, 100], max >= waitInOpenState; default 1 (fixed), 10 min.
     */
    public Builder openWaitBackoff(double multiplier, Duration max) {
      this.openWaitMultiplier = multiplier;
      this.maxWaitInOpenState = Objects.requireNonNull(max, "CircuitBreakerConfig.maxWaitInOpenState");
      return this;
    }

    /** Longest wait for trial results in HALF_OPEN before re-opening, > 0; default 60 s. */
    public Builder maxWaitInHalfOpenState(Duration wait) {
      this.maxWaitInHalfOpenState =
          Objects.requireNonNull(wait, "CircuitBreakerConfig.maxWaitInHalfOpenState");
      return this;
    }

    /** Exceptions counting as failures (default: all that are not ignored). */
    public Builder recordFailure(Predicate<Throwable> predicate) {
      this.recordFailure = Objects.requireNonNull(predicate, "CircuitBreakerConfig.recordFailure");
      return this;
    }

    /**
     * Exceptions that count neither way; their permit is released (default: none). Rejections
     * by inner guards are ignored anyway unless {@link #recordRejectedCalls(boolean)} is set.
     */
    public Builder ignoreExceptions(Predicate<Throwable> predicate) {
      this.ignoreException =
          Objects.requireNonNull(predicate, "CircuitBreakerConfig.ignoreExceptions");
      return this;
    }

    /** Results counting as failures (default: none). */
    public Builder recordResult(Predicate<@Nullable Object> predicate) {
      this.recordResult = Objects.requireNonNull(predicate, "CircuitBreakerConfig.recordResult");
      return this;
    }

    /**
     * Whether rejections by inner guards ({@link RejectedCallException}) are judged by {@code
     * recordFailure} like any exception; default false: they are ignored.
     */
    public Builder recordRejectedCalls(boolean record) {
      this.recordRejectedCalls = record;
      return this;
    }

    /** Executor delivering events to listeners (use {@code Runnable::run} in tests). */
    public Builder eventExecutor(Executor executor) {
      this.eventExecutor = Objects.requireNonNull(executor, "CircuitBreakerConfig.eventExecutor");
      return this;
    }

    /**
     * Validates every setting and combination, and builds.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public CircuitBreakerConfig build() {
      inHalfOpenRange("CircuitBreakerConfig.failureRateThreshold", failureRateThreshold, 0, 100,
          " percent");
      inHalfOpenRange("CircuitBreakerConfig.slowCallRateThreshold", slowCallRateThreshold, 0, 100,
          " percent");
      positive("CircuitBreakerConfig.slowCallDurationThreshold", slowCallDurationThreshold);
      inRange("CircuitBreakerConfig.slidingWindowSize", slidingWindowSize, 1, 1_000_000);
      if (slidingWindowType == SlidingWindowType.COUNT_BASED
          && (minimumNumberOfCalls < 1 || minimumNumberOfCalls > slidingWindowSize)) {
        throw new IllegalArgumentException("CircuitBreakerConfig.minimumNumberOfCalls must be in "
            + "[1, slidingWindowSize=" + slidingWindowSize + "] for a COUNT_BASED window, was "
            + minimumNumberOfCalls);
      }
      inRange("CircuitBreakerConfig.minimumNumberOfCalls", minimumNumberOfCalls, 1,
          Integer.MAX_VALUE);
      inRange("CircuitBreakerConfig.permittedCallsInHalfOpenState", permittedCallsInHalfOpenState,
          1, 100_000);
      positive("CircuitBreakerConfig.waitInOpenState", waitInOpenState);
      inRange("CircuitBreakerConfig.openWaitMultiplier", openWaitMultiplier, 1.0, 100.0);
      atLeast("CircuitBreakerConfig.maxWaitInOpenState", maxWaitInOpenState, "waitInOpenState",
          waitInOpenState);
      positive("CircuitBreakerConfig.maxWaitInHalfOpenState", maxWaitInHalfOpenState);
      return new CircuitBreakerConfig(this);
    }
  }
}
