package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.inRange;
import static dev.hotpath.resilience.internal.Checks.positive;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of an {@link ExecutorBulkhead}.
 *
 * <pre>{@code
 * ExecutorBulkheadConfig config = new ExecutorBulkheadConfig(8, 32, ThreadKind.VIRTUAL,
 *     Duration.ofMillis(50), Duration.ofSeconds(2));
 * }</pre>
 *
 * @param maxConcurrentCalls calls running at once, [1, 100_000]
 * @param queueCapacity calls waiting to start, [0, 1_000_000]; beyond that, rejected at once
 * @param threads platform threads (a fixed pool of {@code maxConcurrentCalls}) or a virtual
 *     thread per call
 * @param maxQueueWait a call not started within this is failed without running, > 0
 * @param maxRunTime a running call is interrupted and its stage failed past this, > 0; null for
 *     no bound. Its permit is released only when it really ends.
 */
public record ExecutorBulkheadConfig(int maxConcurrentCalls, int queueCapacity, ThreadKind threads,
    Duration maxQueueWait, @Nullable Duration maxRunTime) {

  /** Which threads run the calls. */
  public enum ThreadKind {
    /** A fixed pool of platform threads, one per permit. */
    PLATFORM,
    /** A new virtual thread per call. */
    VIRTUAL
  }

  /** Validates every setting. */
  public ExecutorBulkheadConfig {
    inRange("maxConcurrentCalls", maxConcurrentCalls, 1, 100_000);
    inRange("queueCapacity", queueCapacity, 0, 1_000_000);
    Objects.requireNonNull(threads, "threads");
    positive("maxQueueWait", maxQueueWait);
    if (maxRunTime != null) {
      positive("maxRunTime", maxRunTime);
    }
  }

  /** Defaults: 10 running, 100 queued, virtual threads, 1 s queue wait, no run-time bound. */
  public static ExecutorBulkheadConfig ofDefaults() {
    return new ExecutorBulkheadConfig(10, 100, ThreadKind.VIRTUAL, Duration.ofSeconds(1), null);
  }
}
