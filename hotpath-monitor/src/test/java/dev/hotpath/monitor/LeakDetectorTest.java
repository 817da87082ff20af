package dev.hotpath.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.metrics.FakeTicker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeakDetectorTest {
  static final long MB = 1024 * 1024;
  final FakeTicker ticker = new FakeTicker();
  final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  final List<LeakFinding> findings = new CopyOnWriteArrayList<>();

  @AfterEach
  void shutdown() {
    executor.shutdownNow();
  }

  LeakDetector detector(boolean histograms, java.util.function.Supplier<String> histogram) {
    LeakDetectorConfig cfg =
        LeakDetectorConfig.builder()
            .window(Duration.ofMinutes(15))
            .bucket(Duration.ofMinutes(1))
            .minPoints(10)
            .histograms(histograms)
            .histogramDelay(Duration.ZERO)
            .build();
    return new LeakDetector(cfg, ticker, executor, findings::add, histogram);
  }

  @Test
  void aSteadilyRisingFloorIsALeakWithItsRateAndTimeToFull() {
    LeakDetector d = detector(false, () -> "");
    // 16 minutes, a GC every 10 s; floor rises 12 MB/min beneath sawtooth noise.
    for (int s = 0; s <= 16 * 60; s += 10) {
      long floor = 200 * MB + (long) (12 * MB * (s / 60.0));
      long noise = (s / 10) % 3 == 0 ? 0 : 30 * MB; // readings above the floor between full GCs
      d.record(floor + noise, 1024 * MB);
      ticker.advance(Duration.ofSeconds(10));
    }
    assertThat(findings).hasSize(1); // quiet for a window after a finding
    LeakFinding f = findings.get(0);
    assertThat(f.bytesPerMinute() / MB).isBetween(11.0, 13.0);
    assertThat(f.summary()).matches("\\+1[12]\\.\\d MB/min over \\d+ min; heap full in about \\d+ min");
    assertThat(f.timeToFull().orElseThrow()).isBetween(Duration.ofMinutes(50), Duration.ofMinutes(75));
  }

  @Test
  void aFlatFloorWithNoiseIsNotALeak() {
    LeakDetector d = detector(false, () -> "");
    java.util.Random rnd = new java.util.Random(42);
    for (int s = 0; s <= 40 * 60; s += 10) {
      d.record(300 * MB + rnd.nextInt(200) * MB / 10, 1024 * MB); // 300..320 MB, no trend
      ticker.advance(Duration.ofSeconds(10));
    }
    assertThat(findings).isEmpty();
    assertThat(d.currentTrend()).isEmpty();
  }

  @Test
  void tooFewPointsGiveNoVerdict() {
    LeakDetector d = detector(false, () -> "");
    for (int m = 0; m < 5; m++) {
      d.record(100 * MB + m * 50 * MB, -1);
      ticker.advance(Duration.ofMinutes(1));
    }
    assertThat(findings).isEmpty();
  }

  @Test
  void aFindingNamesTheClassesThatGrewMost() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String before =
        """
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:          1000         800000  [B (java.base@25)
           2:           500          12000  com.acme.Order
           3:           100           2400  java.lang.String (java.base@25)
        """;
    String after =
        """
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:          5000        4000000  [B (java.base@25)
           2:         90000        2160000  com.acme.Order
           3:            90           2160  java.lang.String (java.base@25)
        """;
    LeakDetector d = detector(true, () -> calls.getAndIncrement() == 0 ? before : after);
    for (int m = 0; m <= 12; m++) {
      d.record(100 * MB + m * 20 * MB, -1);
      ticker.advance(Duration.ofMinutes(1));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (findings.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(findings).hasSize(1);
    LeakFinding f = findings.get(0);
    assertThat(f.timeToFull()).isEmpty();
    assertThat(f.grown()).extracting(ClassGrowth::className).containsExactly("[B", "com.acme.Order");
    assertThat(f.grown().get(1).instances()).isEqualTo(89_500);
    assertThat(f.summary()).contains("grew most: [B +4000 (+3.1 MB), com.acme.Order +89500 (+2.0 MB)");
  }
}
