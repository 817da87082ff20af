package dev.hotpath.bench.resilience;

import dev.hotpath.resilience.CircuitBreakerConfig;
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
 * A closed circuit breaker on the success path: hotpath's lock-free {@link dev.hotpath.resilience.CircuitBreaker} against Resilience4j's, both with their default configuration (count-based window of 100).
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
public class CircuitBreakerBenchmark {
  private final Callable<Integer> call = () -> 42;
  private final dev.hotpath.resilience.CircuitBreaker hotpath = dev.hotpath.resilience.CircuitBreaker.of("bench", CircuitBreakerConfig.ofDefaults());
  private final io.github.resilience4j.circuitbreaker.CircuitBreaker anchor = io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("bench");

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
