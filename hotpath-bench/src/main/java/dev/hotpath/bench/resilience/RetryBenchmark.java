package dev.hotpath.bench.resilience;

import dev.hotpath.resilience.Retry;
import dev.hotpath.resilience.RetryBudget;
import dev.hotpath.resilience.RetryConfig;

/**
 * A retry whose first attempt succeeds: hotpath's {@link Retry} (with a retry budget, the
 * recommended setting) against Resilience4j's Retry with its defaults.
 */
public class RetryBenchmark extends GuardBenchmark {
  @Override
  protected GuardedCall hotpath() {
    return Retry.of("bench", RetryConfig.builder().budget(RetryBudget.of(0.1, 10, 100)).build())
        ::call;
  }

  @Override
  protected GuardedCall resilience4j() {
    return io.github.resilience4j.retry.Retry.ofDefaults("bench")::executeCallable;
  }
}
