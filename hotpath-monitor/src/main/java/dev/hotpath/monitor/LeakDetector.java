package dev.hotpath.monitor;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.hotpath.metrics.Ticker;
import dev.hotpath.monitor.internal.ClassHistograms;
import dev.hotpath.monitor.internal.TrendFit;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.jspecify.annotations.Nullable;

/**
 * Detects a memory leak from the old generation's floor: its usage right after each GC. Comparing
 * the heap now with the heap at start (the guide's sketch) mostly measures when the last GC ran;
 * the floor after GC only rises when live data does.
 *
 * <p>Each GC's after-usage of the old pool feeds {@link #record}; the minimum per bucket is one
 * point; a least-squares line over the points of the last window gives the growth rate. When it is
 * at least {@link LeakDetectorConfig#minBytesPerMinute()} with R² of at least {@link
 * LeakDetectorConfig#minRSquared()}, a {@link LeakFinding} ("+12 MB/min over 15 min; heap full in
 * about 40 min") goes to the listener, after two class histograms ({@code GC.class_histogram -all},
 * no forced full GC) {@link LeakDetectorConfig#histogramDelay()} apart name the classes that grew
 * most. After a finding the detector stays quiet for one window.
 *
 * <p>Thread-safe. Time comes from the injected {@link Ticker} and histograms run on the injected
 * executor, so the trend logic is testable without a JVM that leaks.
 *
 * <pre>{@code
 * LeakDetector leaks = new LeakDetector(LeakDetectorConfig.ofDefaults(), Ticker.system(), scheduler,
 *     finding -> log.warn("possible leak: " + finding.summary()));
 * leaks.start(); // listens to GC notifications
 * }</pre>
 */
public final class LeakDetector implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LeakDetector.class.getName());

  private final LeakDetectorConfig config;
  private final Ticker ticker;
  private final ScheduledExecutorService executor;
  private final Consumer<LeakFinding> listener;
  private final Supplier<String> histogram;
  private final ArrayDeque<long[]> buckets = new ArrayDeque<>(); // {bucketStartNanos, minUsed}; guarded by this
  private final List<LeakFinding> findings = new CopyOnWriteArrayList<>();
  private final List<Runnable> unregister = new ArrayList<>();
  private long lastMax = -1; // guarded by this
  private long quietUntil = Long.MIN_VALUE; // guarded by this

  /** A detector that takes real class histograms of this JVM. */
  public LeakDetector(
      LeakDetectorConfig config, Ticker ticker, ScheduledExecutorService executor, Consumer<LeakFinding> listener) {
    this(config, ticker, executor, listener, () -> JvmDiagnostics.classHistogram(true));
  }

  /** As above, with the histogram source injected (tests). */
  public LeakDetector(
      LeakDetectorConfig config,
      Ticker ticker,
      ScheduledExecutorService executor,
      Consumer<LeakFinding> listener,
      Supplier<String> histogram) {
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.histogram = Objects.requireNonNull(histogram, "histogram");
  }

  /** Starts listening to this JVM's GC notifications. */
  public synchronized void start() {
    List<String> oldPools = oldGenerationPools();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        NotificationListener l = (n, handback) -> onGc(n, oldPools);
        emitter.addNotificationListener(l, null, null);
        unregister.add(
            () -> {
              try {
                emitter.removeNotificationListener(l);
              } catch (ListenerNotFoundException ignored) {
                // already gone
              }
            });
      }
    }
  }

  /** Heap pools that hold the old generation; all heap pools when none is recognisably old. */
  static List<String> oldGenerationPools() {
    List<String> old = new ArrayList<>();
    List<String> heap = new ArrayList<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        heap.add(p.getName());
        String n = p.getName();
        if (n.contains("Old") || n.contains("Tenured")) {
          old.add(n);
        }
      }
    }
    return old.isEmpty() ? heap : old;
  }

  private void onGc(Notification n, List<String> pools) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())
        || !(n.getUserData() instanceof CompositeData data)) {
      return;
    }
    Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo.from(data).getGcInfo().getMemoryUsageAfterGc();
    long used = 0;
    long max = 0;
    for (String pool : pools) {
      MemoryUsage u = after.get(pool);
      if (u != null) {
        used += u.getUsed();
        max = (u.getMax() < 0 || max < 0) ? -1 : max + u.getMax();
      }
    }
    record(used, max);
  }

  /**
   * Adds one after-GC reading of the old generation and evaluates the trend.
   *
   * @param usedBytes old-generation usage right after a GC
   * @param maxBytes its maximum, or -1 when undefined
   */
  public void record(long usedBytes, long maxBytes) {
    LeakFinding finding;
    synchronized (this) {
      long now = ticker.read();
      long bucketNanos = config.bucket().toNanos();
      long[] last = buckets.peekLast();
      if (last != null && now - last[0] < bucketNanos) {
        last[1] = Math.min(last[1], usedBytes);
      } else {
        buckets.addLast(new long[] {now, usedBytes});
      }
      long windowStart = now - config.window().toNanos();
      while (!buckets.isEmpty() && buckets.peekFirst()[0] < windowStart) {
        buckets.removeFirst();
      }
      lastMax = maxBytes;
      finding = now < quietUntil ? null : evaluate(now);
      if (finding != null) {
        quietUntil = now + config.window().toNanos();
      }
    }
    if (finding != null) {
      report(finding);
    }
  }

  /** The verdict on the points now in the window, without side effects. */
  public synchronized Optional<LeakFinding> currentTrend() {
    return Optional.ofNullable(evaluate(ticker.read()));
  }

  private @Nullable LeakFinding evaluate(long now) {
    // The newest bucket is still filling: its minimum may not be the floor yet.
    int n = buckets.size() - 1;
    if (n < config.minPoints()) {
      return null;
    }
    double[] xs = new double[n];
    double[] ys = new double[n];
    int i = 0;
    long first = buckets.peekFirst()[0];
    for (long[] b : buckets) {
      if (i == n) {
        break;
      }
      xs[i] = (b[0] - first) / 60e9; // minutes
      ys[i] = b[1];
      i++;
    }
    TrendFit fit = TrendFit.of(xs, ys);
    if (fit.slope() < config.minBytesPerMinute() || fit.rSquared() < config.minRSquared()) {
      return null;
    }
    double nowMin = (now - first) / 60e9;
    long floor = (long) fit.at(nowMin);
    Duration ttf = null;
    if (lastMax > 0) {
      double minutes = Math.max(0, (lastMax - floor) / fit.slope());
      ttf = Duration.ofSeconds((long) (minutes * 60));
    }
    Duration observed = Duration.ofNanos((long) (xs[n - 1] * 60e9));
    return new LeakFinding(fit.slope(), observed, floor, lastMax, ttf, List.of());
  }

  private void report(LeakFinding finding) {
    if (!config.histograms()) {
      deliver(finding);
      return;
    }
    try {
      takeHistograms(finding);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      deliver(finding); // shutting down: report without the histograms
    }
  }

  private void takeHistograms(LeakFinding finding) {
    executor.execute(
        () -> {
          Map<String, long[]> before;
          try {
            before = ClassHistograms.parse(histogram.get());
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "class histogram failed: " + e);
            deliver(finding);
            return;
          }
          try {
          var unused =
              executor.schedule(
              () -> {
                List<ClassGrowth> grown = List.of();
                try {
                  grown = ClassHistograms.grewMost(before, ClassHistograms.parse(histogram.get()), config.topClasses());
                } catch (RuntimeException e) {
                  LOG.log(System.Logger.Level.WARNING, "class histogram failed: " + e);
                }
                deliver(finding.withGrown(grown));
              },
              config.histogramDelay().toNanos(),
              TimeUnit.NANOSECONDS);
          } catch (java.util.concurrent.RejectedExecutionException e) {
            deliver(finding);
          }
        });
  }

  private void deliver(LeakFinding finding) {
    findings.add(finding);
    LOG.log(System.Logger.Level.WARNING, "possible memory leak: " + finding.summary());
    listener.accept(finding);
  }

  /** Every finding delivered so far. */
  public List<LeakFinding> findings() {
    return List.copyOf(findings);
  }

  @Override
  public synchronized void close() {
    unregister.forEach(Runnable::run);
    unregister.clear();
  }
}
