package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.load.result.GeneratorSample;
import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.metrics.LatencySnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private static final Duration S = Duration.ofSeconds(1);

  private static IntervalStats interval(long completed, double targetRate) {
    long[] v = new long[(int) completed];
    java.util.Arrays.fill(v, 2_000_000L);
    LatencySnapshot l = LatencySnapshot.of(v);
    return new IntervalStats(Duration.ZERO, S, completed, completed, 0, 0, 0, l, l)
        .withGenerator(GeneratorSample.builder().inFlight(3).queued(0).openConnections(16).targetRate(targetRate).build());
  }

  @Test
  void theLiveLineIsEndedBeforeTheSummary() {
    StringWriter w = new StringWriter();
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(w), true);
    p.onInterval(interval(100, 100), S, Duration.ofSeconds(10), false);
    assertThat(w.toString()).startsWith("\r").doesNotEndWith("\n");
    p.end();
    assertThat(w.toString()).endsWith("\n");
    p.end();
    assertThat(w.toString()).doesNotEndWith("\n\n"); // ended once
  }

  @Test
  void plainLinesNeedNoEnding() {
    StringWriter w = new StringWriter();
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(w), false);
    p.onInterval(interval(100, 0), S, Duration.ofSeconds(10), false);
    p.end();
    assertThat(w.toString()).endsWith("\n").doesNotEndWith("\n\n").doesNotContain("\r");
  }

  @Test
  void aWarmUpWithoutResponsesShowsNoZeroPercentiles() {
    String line = ProgressPrinter.line(interval(0, 0), S, Duration.ofSeconds(10), true);
    assertThat(line).contains("warm-up").contains("no responses").doesNotContain("0ns").doesNotContain("p50")
        .doesNotContain("0.0 req/s");
  }

  @Test
  void showsTheTargetRateInFlightAndOpenConnections() {
    String line = ProgressPrinter.line(interval(100, 250), Duration.ofSeconds(65), Duration.ofMinutes(2), false);
    assertThat(line).startsWith("[ 1m05s/2m00s]").contains("100.0 req/s (target 250/s)").contains("p50 2.00ms")
        .contains("in flight 3").contains("open connections 16");
    assertThat(ProgressPrinter.line(interval(100, 0), S, S, false)).doesNotContain("target"); // closed model
    assertThat(ProgressPrinter.line(interval(1, 0), S, Duration.ofDays(365), false)).startsWith("[    1s/-]");
  }
}
