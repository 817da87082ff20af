package dev.hotpath.bench.resilience;

import dev.hotpath.resilience.RetryBudget;
import dev.hotpath.resilience.RetryConfig;
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
 * A retry whose first attempt succeeds: hotpath's {@link dev.hotpath.resilience.Retry} (with a retry budget, the recommended setting) against Resilience4j's Retry with its defaults.
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
public class RetryBenchmark {
  private final Callable<Integer> call = () -> 42;
  private final dev.hotpath.resilience.Retry hotpath = dev.hotpath.resilience.Retry.of("bench", RetryConfig.builder().budget(RetryBudget.of(0.1, 10, 100)).build());
  private final io.github.resilience4j.retry.Retry anchor = io.github.resilience4j.retry.Retry.ofDefaults("bench");

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
