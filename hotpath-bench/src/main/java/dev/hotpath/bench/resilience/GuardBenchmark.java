package dev.hotpath.bench.resilience;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The shared base of the resilience benchmarks: one guard's success path, with the guard chosen
 * by {@code contender} — {@code direct} (no guard: the cost of the call itself), {@code hotpath}
 * or {@code resilience4j} — on 1 and 2 threads. The call returns a constant, so the difference to
 * {@code direct} is the guard's own cost per call. Each contender runs in its own fork, so the
 * call site below only ever sees one guard type (as in an application that uses one library).
 *
 * <p>Run with {@code -prof gc} for the allocation per call ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class GuardBenchmark {

  /** A guarded call of one contender. */
  @FunctionalInterface
  public interface GuardedCall {
    /** Makes {@code call} through the guard. */
    Integer call(Callable<Integer> call) throws Exception;
  }

  /** Who guards the call. */
  @Param({"direct", "hotpath", "resilience4j"})
  public String contender = "direct";

  private final Callable<Integer> call = () -> 42;
  private GuardedCall guarded = Callable::call;

  /** hotpath's guard, configured like the anchor. */
  protected abstract GuardedCall hotpath();

  /** The Resilience4j guard it is measured against. */
  protected abstract GuardedCall resilience4j();

  /** Builds the chosen contender once per fork. */
  @Setup
  public void chooseContender() {
    guarded = switch (contender) {
      case "direct" -> Callable::call;
      case "hotpath" -> hotpath();
      case "resilience4j" -> resilience4j();
      default -> throw new IllegalArgumentException(
          "contender must be direct, hotpath or resilience4j, was " + contender);
    };
  }

  /** One thread calling. */
  @Benchmark
  @Threads(1)
  public Integer oneThread() throws Exception {
    return guarded.call(call);
  }

  /** Two threads calling the same guard. */
  @Benchmark
  @Threads(2)
  public Integer twoThreads() throws Exception {
    return guarded.call(call);
  }
}
