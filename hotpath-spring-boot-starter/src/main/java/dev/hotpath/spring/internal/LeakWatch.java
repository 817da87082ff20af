package dev.hotpath.spring.internal;

import dev.hotpath.metrics.Ticker;
import dev.hotpath.monitor.LeakDetector;
import dev.hotpath.monitor.LeakDetectorConfig;
import dev.hotpath.monitor.LeakFinding;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@link LeakDetector} (which logs its findings) with the daemon thread it takes class histograms on, started at once
 * and stopped on close, and its meters: {@code hotpath.leak.findings} (counter) and {@code
 * hotpath.leak.growth} (bytes per minute of the old generation's floor after GC, 0 while no leak
 * trend holds).
 */
public final class LeakWatch implements MeterBinder, AutoCloseable {
  private final ScheduledExecutorService executor;
  private final LeakDetector detector;

  /** Starts watching with {@code config}. */
  public LeakWatch(LeakDetectorConfig config) {
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "hotpath-leak-detector");
      t.setDaemon(true);
      return t;
    });
    // the detector logs each finding itself (WARNING, logger dev.hotpath.monitor.LeakDetector)
    this.detector = new LeakDetector(config, Ticker.system(), executor, finding -> {});
    detector.start();
  }

  /** The running detector. */
  public LeakDetector detector() {
    return detector;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("hotpath.leak.findings", detector, d -> d.findings().size())
        .description("possible memory leaks reported by the leak detector")
        .register(registry);
    Gauge.builder("hotpath.leak.growth", detector, d -> d.currentTrend().map(LeakFinding::bytesPerMinute).orElse(0.0))
        .description("growth of the old generation's floor after GC while it looks like a leak, 0 otherwise")
        .baseUnit("bytes.per.minute")
        .register(registry);
  }

  @Override
  public void close() {
    detector.close();
    executor.shutdownNow();
  }
}
