package dev.hotpath.monitor;

import dev.hotpath.metrics.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A child JVM for {@link LeakDetectorChildJvmTest}: {@code leak} keeps what it allocates, {@code
 * steady} allocates as much but keeps a fixed set. Prints FINDING/GREW lines or NO FINDING.
 */
public final class LeakWorkload {
  private LeakWorkload() {}

  /** What the leaking workload keeps: small objects, so the histogram names this class. */
  static final class LeakedEntry {
    final long[] payload = new long[6];
    final long id;

    LeakedEntry(long id) {
      this.id = id;
    }
  }

  static final List<Object> RETAINED = new ArrayList<>();
  static volatile Object sink;

  public static void main(String[] args) throws Exception {
    boolean leak = args[0].equals("leak");
    long seconds = Long.parseLong(args[1]);
    for (int i = 0; i < 2000; i++) {
      RETAINED.add(new byte[10_000]); // a fixed 20 MB working set in both modes
    }
    Object[] ring = new Object[256];
    long warmupEnd = System.nanoTime() + 2_000_000_000L;
    long id = 0;
    while (System.nanoTime() < warmupEnd) {
      id = step(leak, ring, id, false);
    }
    System.gc();
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "leak-histograms");
      t.setDaemon(true);
      return t;
    });
    LeakDetectorConfig cfg =
        LeakDetectorConfig.builder()
            .window(Duration.ofSeconds(8))
            .bucket(Duration.ofMillis(400))
            .minPoints(8)
            .minBytesPerMinute(8L * 1024 * 1024)
            .minRSquared(0.7)
            .histogramDelay(Duration.ofSeconds(1))
            .topClasses(10)
            .build();
    LeakDetector detector =
        new LeakDetector(
            cfg,
            Ticker.system(),
            executor,
            f -> {
              System.out.println("FINDING " + f.summary());
              f.grown().forEach(g -> System.out.println("GREW " + g.className() + " " + g.instances() + " " + g.bytes()));
              System.out.flush();
              Runtime.getRuntime().halt(0);
            });
    detector.start();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      id = step(leak, ring, id, true);
    }
    System.out.println("NO FINDING " + detector.currentTrend().map(LeakFinding::summary).orElse("flat"));
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  /** 10 ms of work: ~2 MB of short-lived garbage, and in leak mode 300 kept entries. */
  private static long step(boolean leak, Object[] ring, long id, boolean keep) throws InterruptedException {
    for (int i = 0; i < 256; i++) {
      ring[i] = new byte[1024 + (i * 61) % 15_000];
    }
    sink = ring[(int) (id & 255)];
    if (leak && keep) {
      for (int i = 0; i < 300; i++) {
        RETAINED.add(new LeakedEntry(id++));
      }
    }
    Thread.sleep(10);
    return id + 1;
  }
}
