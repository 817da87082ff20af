package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.inRange;
import static dev.hotpath.resilience.internal.Checks.nonNegative;

import dev.hotpath.resilience.internal.DefaultEventExecutor;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of a semaphore {@link Bulkhead}: how many calls may run at once,
 * and how long a caller may wait for a permit. Thread-safe (immutable).
 *
 * <pre>{@code
 * BulkheadConfig config = BulkheadConfig.builder()
 *     .maxConcurrentCalls(20)
 *     .maxWait(Duration.ofMillis(10))
 *     .build();
 * }</pre>
 */
public final class BulkheadConfig {
  private static final BulkheadConfig DEFAULTS = builder().build();

  private final int maxConcurrentCalls;
  private final Duration maxWait;
  private final boolean fair;
  private final Executor eventExecutor;

  private BulkheadConfig(Builder b) {
    this.maxConcurrentCalls = b.maxConcurrentCalls;
    this.maxWait = b.maxWait;
    this.fair = b.fair;
    this.eventExecutor = b.eventExecutor;
  }

  /** Defaults: 25 concurrent calls, no waiting, fair, events on a shared daemon thread. */
  public static BulkheadConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}'s settings. */
  public static Builder from(BulkheadConfig base) {
    Objects.requireNonNull(base, "base");
    return new Builder().maxConcurrentCalls(base.maxConcurrentCalls).maxWait(base.maxWait)
        .fair(base.fair).eventExecutor(base.eventExecutor);
  }

  /** Calls that may run at the same time, [1, 1_000_000]. */
  public int maxConcurrentCalls() {
    return maxConcurrentCalls;
  }

  /**
   * How long a caller waits for a permit; zero rejects at once when full. An async call waits on
   * a virtual thread, never on the caller's.
   */
  public Duration maxWait() {
    return maxWait;
  }

  /**
   * Whether waiting callers get permits in arrival order (a permit that is free when a caller
   * arrives is always taken at once).
   */
  public boolean fair() {
    return fair;
  }

  /** Where rejection events are delivered to listeners. */
  public Executor eventExecutor() {
    return eventExecutor;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof BulkheadConfig c && maxConcurrentCalls == c.maxConcurrentCalls
        && maxWait.equals(c.maxWait) && fair == c.fair && eventExecutor.equals(c.eventExecutor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxConcurrentCalls, maxWait, fair, eventExecutor);
  }

  @Override
  public String toString() {
    return "BulkheadConfig{maxConcurrentCalls=" + maxConcurrentCalls + ", maxWait=" + maxWait
        + ", fair=" + fair + "}";
  }

  /** Builds a {@link BulkheadConfig}: setters only reject {@code null}, {@link #build()} validates. */
  public static final class Builder {
    private int maxConcurrentCalls = 25;
    private Duration maxWait = Duration.ZERO;
    private boolean fair = true;
    private Executor eventExecutor = DefaultEventExecutor.get();

    private Builder() {}

    /** Calls that may run at the same time, [1, 1_000_000]; default 25. */
    public Builder maxConcurrentCalls(int calls) {
      this.maxConcurrentCalls = calls;
      return this;
    }

    /** Longest wait for a permit, >= 0 (0 = reject at once when full); default 0. */
    public Builder maxWait(Duration wait) {
      this.maxWait = Objects.requireNonNull(wait, "BulkheadConfig.maxWait");
      return this;
    }

    /** Whether waiting callers are served in arrival order; default true. */
    public Builder fair(boolean fair) {
      this.fair = fair;
      return this;
    }

    /** Executor delivering rejection events (use {@code Runnable::run} in tests). */
    public Builder eventExecutor(Executor executor) {
      this.eventExecutor = Objects.requireNonNull(executor, "BulkheadConfig.eventExecutor");
      return this;
    }

    /**
     * Validates every setting and builds.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public BulkheadConfig build() {
      inRange("BulkheadConfig.maxConcurrentCalls", maxConcurrentCalls, 1, 1_000_000);
      nonNegative("BulkheadConfig.maxWait", maxWait);
      return new BulkheadConfig(this);
    }
  }
}
