package dev.hotpath.bench.resilience;

import dev.hotpath.resilience.Bulkhead;
import dev.hotpath.resilience.BulkheadConfig;

/**
 * A semaphore bulkhead with free permits: hotpath's {@link Bulkhead} against Resilience4j's
 * SemaphoreBulkhead, both with their defaults (25 permits, no wait).
 */
public class BulkheadBenchmark extends GuardBenchmark {
  @Override
  protected GuardedCall hotpath() {
    return Bulkhead.of("bench", BulkheadConfig.ofDefaults())::call;
  }

  @Override
  protected GuardedCall resilience4j() {
    return io.github.resilience4j.bulkhead.Bulkhead.ofDefaults("bench")::executeCallable;
  }
}
