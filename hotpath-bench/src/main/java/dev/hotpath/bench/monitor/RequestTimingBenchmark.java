package dev.hotpath.bench.monitor;

import dev.hotpath.monitor.RequestTiming;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the request-timing filters add per request on top of Micrometer's own Timer. The anchor
 * ({@link #micrometerTimer}) is what Micrometer's HTTP server instrumentation does per request:
 * start a sample, look the timer up by its tags (method, uri, status, outcome, exception), stop.
 * {@link #hotpathTiming} is the filters' shared core: open a metrics Scope, close it, the same
 * timer, the slow-request check. {@link #hotpathTimingWithServerTiming} adds rendering the
 * Server-Timing header; {@link #hotpathTimingWithBreakdown} adds three db timings and a cache miss
 * recorded into the scope, as the DB inspector and cache would, and the header over them.
 * The HTTP exchange itself is not part of any of them: it is the same with or without the filter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestTimingBenchmark {
  private final MeterRegistry micrometerRegistry = new SimpleMeterRegistry();
  private final RequestTiming timing =
      RequestTiming.builder(new SimpleMeterRegistry()).slowThreshold(Duration.ofSeconds(10)).slowLog(line -> {}).build();

  @Benchmark
  public long micrometerTimer() {
    Timer.Sample sample = Timer.start(micrometerRegistry);
    return sample.stop(
        Timer.builder(RequestTiming.METRIC)
            .tags(
                Tags.of(
                    "method", "GET",
                    "uri", "/users/{id}",
                    "status", "200",
                    "outcome", Outcome.forStatus(200).name(),
                    "exception", "none"))
            .register(micrometerRegistry));
  }

  @Benchmark
  public long hotpathTiming() {
    dev.hotpath.metrics.Scope scope = timing.open("GET", "/users/7");
    timing.finish(scope, "GET", "/users/7", "/users/{id}", 200, null);
    return scope.elapsedNanos();
  }

  @Benchmark
  public String hotpathTimingWithServerTiming() {
    dev.hotpath.metrics.Scope scope = timing.open("GET", "/users/7");
    String header = scope.serverTiming();
    timing.finish(scope, "GET", "/users/7", "/users/{id}", 200, null);
    return header;
  }

  @Benchmark
  public String hotpathTimingWithBreakdown() {
    dev.hotpath.metrics.Scope scope = timing.open("GET", "/users/7");
    dev.hotpath.metrics.Scope.recordTiming("db", 1_200_000);
    dev.hotpath.metrics.Scope.recordTiming("db", 800_000);
    dev.hotpath.metrics.Scope.recordTiming("db", 400_000);
    dev.hotpath.metrics.Scope.count("cache.miss", 1);
    String header = scope.serverTiming();
    timing.finish(scope, "GET", "/users/7", "/users/{id}", 200, null);
    return header;
  }
}
