package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.inRange;
import static dev.hotpath.resilience.internal.Checks.nonNegative;
import static dev.hotpath.resilience.internal.Checks.positive;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of an {@link ExecutorBulkhead}. Thread-safe (immutable).
 *
 * <pre>{@code
 * ExecutorBulkheadConfig config = ExecutorBulkheadConfig.builder()
 *     .maxConcurrentCalls(8).queueCapacity(32).threads(ThreadKind.VIRTUAL)
 *     .maxQueueWait(Duration.ofMillis(50))
 *     .maxRunTime(Duration.ofSeconds(2))
 *     .build();
 * }</pre>
 */
public final class ExecutorBulkheadConfig {

  /** Which threads run the calls. */
  public enum ThreadKind {
    /** A fixed pool of platform threads, one per permit. */
    PLATFORM,
    /** A new virtual thread per call. */
    VIRTUAL
  }

  private static final ExecutorBulkheadConfig DEFAULTS = builder().build();

  private final int maxConcurrentCalls;
  private final int queueCapacity;
  private final ThreadKind threads;
  private final Duration maxQueueWait;
  private final Duration maxRunTime;

  private ExecutorBulkheadConfig(Builder b) {
    this.maxConcurrentCalls = b.maxConcurrentCalls;
    this.queueCapacity = b.queueCapacity;
    this.threads = b.threads;
    this.maxQueueWait = b.maxQueueWait;
    this.maxRunTime = b.maxRunTime;
  }

  /** Defaults: 10 running, 100 queued, virtual threads, 1 s queue wait, no run-time bound. */
  public static ExecutorBulkheadConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}'s settings. */
  public static Builder from(ExecutorBulkheadConfig base) {
    Objects.requireNonNull(base, "base");
    return new Builder().maxConcurrentCalls(base.maxConcurrentCalls)
        .queueCapacity(base.queueCapacity).threads(base.threads).maxQueueWait(base.maxQueueWait)
        .maxRunTime(base.maxRunTime);
  }

  /** Calls running at once, [1, 100_000]. */
  public int maxConcurrentCalls() {
    return maxConcurrentCalls;
  }

  /** Calls waiting to start, [0, 1_000_000]; beyond that, rejected at once. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /** Platform threads (a fixed pool of {@code maxConcurrentCalls}) or a virtual thread per call. */
  public ThreadKind threads() {
    return threads;
  }

  /** A call not started within this is failed without running, > 0. */
  public Duration maxQueueWait() {
    return maxQueueWait;
  }

  /**
   * A running call is interrupted and its stage failed past this; {@link Duration#ZERO} (the
   * default) means no bound. Its slot is released only when it really ends.
   */
  public Duration maxRunTime() {
    return maxRunTime;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ExecutorBulkheadConfig c && maxConcurrentCalls == c.maxConcurrentCalls
        && queueCapacity == c.queueCapacity && threads == c.threads
        && maxQueueWait.equals(c.maxQueueWait) && maxRunTime.equals(c.maxRunTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxConcurrentCalls, queueCapacity, threads, maxQueueWait, maxRunTime);
  }

  @Override
  public String toString() {
    return "ExecutorBulkheadConfig{maxConcurrentCalls=" + maxConcurrentCalls + ", queueCapacity="
        + queueCapacity + ", threads=" + threads + ", maxQueueWait=" + maxQueueWait
        + ", maxRunTime=" + (maxRunTime.isZero() ? "none" : maxRunTime) + "}";
  }

  /**
   * Builds an {@link ExecutorBulkheadConfig}: setters only reject {@code null}, {@link #build()}
   * validates. Not thread-safe.
   */
  public static final class Builder {
    private int maxConcurrentCalls = 10;
    private int queueCapacity = 100;
    private ThreadKind threads = ThreadKind.VIRTUAL;
    private Duration maxQueueWait = Duration.ofSeconds(1);
    private Duration maxRunTime = Duration.ZERO;

    private Builder() {}

    /** Calls running at once, [1, 100_000]; default 10. */
    public Builder maxConcurrentCalls(int calls) {
      this.maxConcurrentCalls = calls;
      return this;
    }

    /** Calls waiting to start, [0, 1_000_000]; default 100. */
    public Builder queueCapacity(int capacity) {
      this.queueCapacity = capacity;
      return this;
    }

    /** Which threads run the calls; default VIRTUAL. */
    public Builder threads(ThreadKind threads) {
      this.threads = Objects.requireNonNull(threads, "ExecutorBulkheadConfig.threads");
      return this;
    }

    /** Longest wait in the queue, > 0; default 1 s. */
    public Builder maxQueueWait(Duration wait) {
      this.maxQueueWait = Objects.requireNonNull(wait, "ExecutorBulkheadConfig.maxQueueWait");
      return this;
    }

    /** Longest run time, >= 0; {@link Duration#ZERO} (default) for no bound. */
    public Builder maxRunTime(Duration time) {
      this.maxRunTime = Objects.requireNonNull(time, "ExecutorBulkheadConfig.maxRunTime");
      return this;
    }

    /**
     * Validates every setting and builds.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public ExecutorBulkheadConfig build() {
      inRange("ExecutorBulkheadConfig.maxConcurrentCalls", maxConcurrentCalls, 1, 100_000);
      inRange("ExecutorBulkheadConfig.queueCapacity", queueCapacity, 0, 1_000_000);
      positive("ExecutorBulkheadConfig.maxQueueWait", maxQueueWait);
      nonNegative("ExecutorBulkheadConfig.maxRunTime", maxRunTime);
      return new ExecutorBulkheadConfig(this);
    }
  }
}
