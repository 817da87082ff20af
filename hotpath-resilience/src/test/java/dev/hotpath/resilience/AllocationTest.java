package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The success paths allocate nothing per call. Measured with the JVM's per-thread allocation
 * counter (deterministic, unlike timing); JMH's {@code -prof gc} gives the same answer.
 */
class AllocationTest {
  private static final int CALLS = 100_000;
  private static final Callable<String> CALL = () -> "ok";

  private static long allocatedBytes(Callable<?> body) throws Exception {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < CALLS; i++) {
      body.call(); // warm up: lazily created state (LongAdder cells, ...) is not per call
    }
    long before = mx.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < CALLS; i++) {
      body.call();
    }
    return mx.getCurrentThreadAllocatedBytes() - before;
  }

  /** call, get and run of one guard: the three variants share one implementation. */
  private static void assertNoAllocation(Guard guard) throws Exception {
    Supplier<String> supplier = () -> "ok";
    Runnable runnable = () -> { };
    // well under one byte per call: only the measurement's own noise
    assertThat(allocatedBytes(() -> guard.call(CALL))).as("%s call", guard).isLessThan(CALLS / 10);
    assertThat(allocatedBytes(() -> guard.get(supplier))).as("%s get", guard)
        .isLessThan(CALLS / 10);
    assertThat(allocatedBytes(() -> {
      guard.run(runnable);
      return null;
    })).as("%s run", guard).isLessThan(CALLS / 10);
  }

  @Test
  void closedCircuitBreakerSuccessPathAllocatesNothing() throws Exception {
    assertNoAllocation(CircuitBreaker.of("a", CircuitBreakerConfig.ofDefaults()));
  }

  @Test
  void bulkheadRateLimiterAdaptiveLimiterAndRetrySuccessPathsAllocateNothing() throws Exception {
    assertNoAllocation(Bulkhead.of("a", BulkheadConfig.ofDefaults()));
    assertNoAllocation(RateLimiter.of("a", RateLimiterConfig.builder()
        .limitForPeriod(1_000_000_000).period(Duration.ofSeconds(1)).burst(1_000_000_000).build()));
    assertNoAllocation(AdaptiveLimiter.of("a", AdaptiveLimiterConfig.ofDefaults()));
    assertNoAllocation(
        Retry.of("a", RetryConfig.builder().budget(RetryBudget.of(0.1, 10, 100)).build()));
  }
}
