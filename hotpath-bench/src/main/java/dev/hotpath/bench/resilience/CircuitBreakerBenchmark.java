package dev.hotpath.bench.resilience;

import dev.hotpath.resilience.CircuitBreaker;
import dev.hotpath.resilience.CircuitBreakerConfig;

/**
 * A closed circuit breaker on the success path: hotpath's lock-free {@link CircuitBreaker} against
 * Resilience4j's, both with their default configuration (count-based window of 100 calls).
 */
public class CircuitBreakerBenchmark extends GuardBenchmark {
  @Override
  protected GuardedCall hotpath() {
    return CircuitBreaker.of("bench", CircuitBreakerConfig.ofDefaults())::call;
  }

  @Override
  protected GuardedCall resilience4j() {
    return io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("bench")::executeCallable;
  }
}
