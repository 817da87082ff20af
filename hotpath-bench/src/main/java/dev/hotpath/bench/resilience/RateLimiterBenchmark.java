package dev.hotpath.bench.resilience;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A rate limiter that always has a permit (a rate far above what one box can call): hotpath's GCRA {@link dev.hotpath.resilience.RateLimiter} against Resilience4j's AtomicRateLimiter; both never wait.
 *
 * <p>The protected call returns a constant, so the figures are the guard's own cost per call;
 * {@code direct} is the unguarded call for reference. Run with {@code -prof gc} for B/op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RateLimiterBenchmark {
  private final Callable<Integer> call = () -> 42;
  private final dev.hotpath.resilience.RateLimiter hotpath = dev.hotpath.resilience.RateLimiter.of("bench", dev.hotpath.resilience.RateLimiterConfig.builder().limitForPeriod(1_000_000_000).period(Duration.ofSeconds(1)).burst(1_000_000_000).build());
  private final io.github.resilience4j.ratelimiter.RateLimiter anchor = io.github.resilience4j.ratelimiter.RateLimiter.of("bench", io.github.resilience4j.ratelimiter.RateLimiterConfig.custom().limitForPeriod(Integer.MAX_VALUE).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build());

  @Benchmark
  @Threads(1)
  public Integer direct1() throws Exception {
    return call.call();
  }

  @Benchmark
  @Threads(1)
  public Integer hotpath1() throws Exception {
    return hotpath.call(call);
  }

  @Benchmark
  @Threads(1)
  public Integer resilience4j1() throws Exception {
    return anchor.executeCallable(call);
  }

  @Benchmark
  @Threads(2)
  public Integer hotpath2() throws Exception {
    return hotpath.call(call);
  }

  @Benchmark
  @Threads(2)
  public Integer resilience4j2() throws Exception {
    return anchor.executeCallable(call);
  }
}
