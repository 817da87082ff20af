package dev.hotpath.bench.resilience;

import dev.hotpath.resilience.RateLimiter;
import dev.hotpath.resilience.RateLimiterConfig;
import java.time.Duration;

/**
 * A rate limiter that always has a permit (a rate far above what one box can call), never
 * waiting: hotpath's GCRA {@link RateLimiter} (10⁹/s, burst 10⁹) against Resilience4j's
 * AtomicRateLimiter ({@code limitForPeriod = Integer.MAX_VALUE} per second, timeout 0).
 */
public class RateLimiterBenchmark extends GuardBenchmark {
  @Override
  protected GuardedCall hotpath() {
    return RateLimiter.of("bench", RateLimiterConfig.builder().limitForPeriod(1_000_000_000)
        .period(Duration.ofSeconds(1)).burst(1_000_000_000).build())::call;
  }

  @Override
  protected GuardedCall resilience4j() {
    return io.github.resilience4j.ratelimiter.RateLimiter.of("bench",
        io.github.resilience4j.ratelimiter.RateLimiterConfig.custom()
            .limitForPeriod(Integer.MAX_VALUE).limitRefreshPeriod(Duration.ofSeconds(1))
            .timeoutDuration(Duration.ZERO).build())::executeCallable;
  }
}
