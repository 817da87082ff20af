package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
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

  @Test
  void closedCircuitBreakerSuccessPathAllocatesNothing() throws Exception {
    CircuitBreaker cb = CircuitBreaker.of("a", CircuitBreakerConfig.ofDefaults());
    // well under one byte per call: only the measurement's own noise
    assertThat(allocatedBytes(() -> cb.call(CALL))).isLessThan(CALLS / 10);
  }

  @Test
  void bulkheadRateLimiterAndRetrySuccessPathsAllocateNothing() throws Exception {
    Bulkhead bh = Bulkhead.of("a", BulkheadConfig.ofDefaults());
    RateLimiter rl = RateLimiter.of("a", RateLimiterConfig.builder().limitForPeriod(1_000_000_000)
        .period(Duration.ofSeconds(1)).burst(1_000_000_000).build());
    Retry retry = Retry.of("a", RetryConfig.builder().budget(RetryBudget.of(0.1, 10, 100)).build());
    assertThat(allocatedBytes(() -> bh.call(CALL))).isLessThan(CALLS / 10);
    assertThat(allocatedBytes(() -> rl.call(CALL))).isLessThan(CALLS / 10);
    assertThat(allocatedBytes(() -> retry.call(CALL))).isLessThan(CALLS / 10);
  }
}
