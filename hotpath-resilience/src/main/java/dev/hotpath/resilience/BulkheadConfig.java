package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.inRange;
import static dev.hotpath.resilience.internal.Checks.nonNegative;

import java.time.Duration;

/**
 * Immutable, validated settings of a semaphore {@link Bulkhead}: how many calls may run at once,
 * and how long a caller may wait for a permit.
 *
 * <pre>{@code
 * BulkheadConfig config = BulkheadConfig.builder()
 *     .maxConcurrentCalls(20)
 *     .maxWait(Duration.ofMillis(10))
 *     .build();
 * }</pre>
 *
 * @param maxConcurrentCalls calls that may run at the same time, [1, 1_000_000]
 * @param maxWait how long a caller waits for a permit; zero rejects at once when full
 * @param fair whether waiting callers get permits in arrival order (an immediate free permit is
 *     always taken without queueing)
 */
public record BulkheadConfig(int maxConcurrentCalls, Duration maxWait, boolean fair) {

  private static final BulkheadConfig DEFAULTS = builder().build();

  /** Validates every setting. */
  public BulkheadConfig {
    inRange("maxConcurrentCalls", maxConcurrentCalls, 1, 1_000_000);
    nonNegative("maxWait", maxWait);
  }

  /** Defaults: 25 concurrent calls, no waiting, fair. */
  public static BulkheadConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(BulkheadConfig base) {
    return new Builder().maxConcurrentCalls(base.maxConcurrentCalls).maxWait(base.maxWait)
        .fair(base.fair);
  }

  /** Builds a {@link BulkheadConfig}; not thread-safe. */
  public static final class Builder {
    private int maxConcurrentCalls = 25;
    private Duration maxWait = Duration.ZERO;
    private boolean fair = true;

    private Builder() {}

    /** Calls that may run at the same time, [1, 1_000_000]. */
    public Builder maxConcurrentCalls(int calls) {
      this.maxConcurrentCalls = inRange("maxConcurrentCalls", calls, 1, 1_000_000);
      return this;
    }

    /** Longest wait for a permit, >= 0 (0 = reject at once when full). */
    public Builder maxWait(Duration wait) {
      this.maxWait = nonNegative("maxWait", wait);
      return this;
    }

    /** Whether waiting callers are served in arrival order. */
    public Builder fair(boolean fair) {
      this.fair = fair;
      return this;
    }

    /** Builds the config. */
    public BulkheadConfig build() {
      return new BulkheadConfig(maxConcurrentCalls, maxWait, fair);
    }
  }
}
