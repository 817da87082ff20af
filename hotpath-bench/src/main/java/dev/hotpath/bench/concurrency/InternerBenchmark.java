package dev.hotpath.bench.concurrency;

import dev.hotpath.concurrency.Interner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Interning a hit: 1,024 distinct strings, each looked up through a fresh (non-canonical) copy, as
 * when parsing repeated values from input. hotpath's strong and weak {@link Interner} against
 * {@link String#intern()} and Guava's strong and weak interners.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class InternerBenchmark {
  static final int VALUES = 1_024;

  /** The interners, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Interners {
    final Interner<String> strong = Interner.strong();
    final Interner<String> weak = Interner.weak();
    final com.google.common.collect.Interner<String> guavaStrong =
        com.google.common.collect.Interners.newStrongInterner();
    final com.google.common.collect.Interner<String> guavaWeak =
        com.google.common.collect.Interners.newWeakInterner();
    // the canonical instances stay reachable here, so weak interners keep them
    final String[] canonical = new String[VALUES];

    @Setup(Level.Trial)
    public void setUp() {
      for (int i = 0; i < VALUES; i++) {
        String value = "customer-status-" + i;
        canonical[i] = value;
        var unused1 = strong.intern(value);
        var unused2 = weak.intern(value);
        var unused3 = guavaStrong.intern(value);
        var unused4 = guavaWeak.intern(value);
        var unused5 = value.intern();
      }
    }
  }

  /** Each thread's own non-canonical copies and cursor. */
  @State(Scope.Thread)
  public static class Copies {
    final String[] copies = new String[VALUES];
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      for (int i = 0; i < VALUES; i++) {
        copies[i] = new String("customer-status-" + i);
      }
    }

    String nextCopy() {
      next = (next + 1) & (VALUES - 1);
      return copies[next];
    }
  }

  @Benchmark
  public String hotpathStrong(Interners in, Copies c) {
    return in.strong.intern(c.nextCopy());
  }

  @Benchmark
  public String hotpathWeak(Interners in, Copies c) {
    return in.weak.intern(c.nextCopy());
  }

  @Benchmark
  public String stringIntern(Copies c) {
    return c.nextCopy().intern();
  }

  @Benchmark
  public String guavaStrong(Interners in, Copies c) {
    return in.guavaStrong.intern(c.nextCopy());
  }

  @Benchmark
  public String guavaWeak(Interners in, Copies c) {
    return in.guavaWeak.intern(c.nextCopy());
  }
}
