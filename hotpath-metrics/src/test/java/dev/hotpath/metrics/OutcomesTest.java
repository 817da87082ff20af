package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OutcomesTest {

  @Test
  void ratesFollowTheDocumentedDefinitions() {
    Outcomes o = new Outcomes(990, Map.of("http_5xx", 6L, "connect", 2L), 2);
    assertThat(o.total()).isEqualTo(1000);
    assertThat(o.errors()).isEqualTo(8);
    assertThat(o.failures()).isEqualTo(10);
    assertThat(o.errorRate()).isEqualTo(0.01);
    assertThat(o.timeoutRate()).isEqualTo(0.002);
    assertThat(Outcomes.NONE.errorRate()).isZero();
  }

  @Test
  void plusAddsClassByClass() {
    Outcomes a = new Outcomes(10, Map.of("http_5xx", 1L), 1);
    Outcomes b = new Outcomes(5, Map.of("http_5xx", 2L, "reset", 3L), 0);
    assertThat(a.plus(b)).isEqualTo(new Outcomes(15, Map.of("http_5xx", 3L, "reset", 3L), 1));
  }

  @Test
  void counterCountsEveryOutcomeFromManyVirtualThreads() throws Exception {
    OutcomeCounter counter = new OutcomeCounter();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 64; t++) {
        fs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 1_000; i++) {
                    switch (i % 4) {
                      case 0, 1 -> counter.success();
                      case 2 -> counter.error(i % 8 == 2 ? "http_5xx" : "connect");
                      default -> counter.timeout();
                    }
                  }
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    }
    Outcomes o = counter.snapshot();
    assertThat(o.successes()).isEqualTo(32_000);
    assertThat(o.errorsByClass()).containsEntry("http_5xx", 8_000L).containsEntry("connect", 8_000L);
    assertThat(o.timeouts()).isEqualTo(16_000);
  }

  @Test
  void throughputArithmetic() {
    Throughput t = Throughput.of(12_000, 3_400_000, Duration.ofSeconds(10));
    assertThat(t.perSecond()).isEqualTo(1200.0);
    assertThat(t.bytesPerSecond()).isEqualTo(340_000.0);
    assertThat(t.plus(t).perSecond()).isEqualTo(1200.0);
    assertThatThrownBy(() -> Throughput.of(1, 0, Duration.ZERO)).hasMessageContaining("elapsed must be > 0");
  }

  @Test
  void throughputMeterReportsEachInterval() {
    FakeTicker ticker = new FakeTicker();
    ThroughputMeter meter = new ThroughputMeter(ticker);
    for (int i = 0; i < 500; i++) {
      meter.mark(100);
    }
    ticker.advance(Duration.ofMillis(500));
    Throughput first = meter.intervalThroughput();
    assertThat(first.perSecond()).isEqualTo(1000.0);
    assertThat(first.bytesPerSecond()).isEqualTo(100_000.0);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(meter.intervalThroughput().count()).isZero();
  }
}
