package dev.hotpath.bench.metrics;

import dev.hotpath.metrics.LatencyRecorder;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
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
 * The cost of recording one latency: hotpath's {@link LatencyRecorder} against the anchor it wraps,
 * a raw HdrHistogram {@link Recorder}. The wrapper should add nothing measurable.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LatencyRecorderBenchmark {
  private final LatencyRecorder hotpath = new LatencyRecorder();
  private final Recorder anchor = new Recorder(3);

  /** Per-thread value stream, so threads share the recorder but not the generator. */
  @State(Scope.Thread)
  public static class Values {
    private long value = 1;

    long next() {
      // an LCG walking values from 1 µs to ~1 s so every bucket range is touched
      value = value * 6364136223846793005L + 1442695040888963407L;
      return 1_000 + (value >>> 34);
    }
  }

  @Benchmark
  @Threads(1)
  public void hotpathRecord1(Values v) {
    hotpath.record(v.next());
  }

  @Benchmark
  @Threads(1)
  public void hdrRecorder1(Values v) {
    anchor.recordValue(v.next());
  }

  @Benchmark
  @Threads(2)
  public void hotpathRecord2(Values v) {
    hotpath.record(v.next());
  }

  @Benchmark
  @Threads(2)
  public void hdrRecorder2(Values v) {
    anchor.recordValue(v.next());
  }
}
