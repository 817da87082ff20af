package dev.hotpath.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.load.report.RegressionLimit;
import dev.hotpath.load.report.ResultComparison;
import dev.hotpath.load.report.ResultComparison.Change;
import dev.hotpath.load.report.ResultComparison.Figure;
import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.GeneratorHealth;
import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.load.result.LoadModel;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.RunInfo;
import dev.hotpath.metrics.LatencySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The compare gate as CI uses it ({@code --fail-on 'p99>+10%'}): it must fail on a stall-induced
 * tail regression every time and pass repeated identical runs, with a false-alarm rate of at most
 * 5% (measured here over {@value #PAIRS} pairs of simulated runs of one system).
 *
 * <p>The simulated system: 100 req/s for 30 s, log-normal latency around 10 ms whose level drifts
 * from second to second (a noisy machine), and 0.5% of requests hit by a 60 ms pause (GC). The
 * stall: the server stops for two seconds at a random moment; requests planned meanwhile complete
 * when it resumes (latency measured from the intended start), which took the P99 from
 * 23.9 ms to 1.42 s.
 */
class ComparisonGateTest {
  private static final int PAIRS = 400;
  private static final List<String> LIMITS = List.of("p50>+10%", "p90>+10%", "p99>+10%", "p99.9>+10%", "mean>+10%");

  @Test
  void aTwoSecondStallFailsTheGateEveryTime() {
    RegressionLimit p99 = RegressionLimit.parse("p99>+10%");
    for (long seed = 1; seed <= 40; seed++) {
      LoadResult base = run(seed, false);
      LoadResult stalled = run(seed + 1000, true);
      ResultComparison c = ResultComparison.of(List.of(base), List.of(stalled));
      Change ch = c.overall(Figure.P99).orElseThrow();
      assertThat(ch.change()).as("seed %d", seed).isGreaterThan(1000);
      assertThat(c.violations(List.of(p99))).as("seed %d: %s", seed, ch).hasSize(1);
    }
  }

  @Test
  void theStallIsShownAsComingFromFewIntervals() {
    ResultComparison c = ResultComparison.of(List.of(run(7, false)), List.of(run(8, true)));
    Change ch = c.overall(Figure.P99).orElseThrow();
    assertThat(ch.isRegression()).isTrue();
    assertThat(ch.ciLow()).isGreaterThan(10);
    assertThat(ch.test()).contains("bootstrap 30 vs 30 intervals").contains("few intervals");
    assertThat(c.notes()).anyMatch(n -> n.startsWith("p99: the change comes from a few intervals"));
  }

  @Test
  void identicalRunsRarelyFailTheGate() {
    int[] gateFailures = new int[LIMITS.size()];
    Map<Figure, int[]> significant = new java.util.EnumMap<>(Figure.class);
    List<RegressionLimit> limits = LIMITS.stream().map(RegressionLimit::parse).toList();
    int anyGate = 0;
    for (int pair = 0; pair < PAIRS; pair++) {
      ResultComparison c = ResultComparison.of(List.of(run(2L * pair + 1, false)), List.of(run(2L * pair + 2, false)));
      boolean failed = false;
      for (int l = 0; l < limits.size(); l++) {
        if (!c.violations(List.of(limits.get(l))).isEmpty()) {
          gateFailures[l]++;
          failed = true;
        }
      }
      anyGate += failed ? 1 : 0;
      for (Figure f : Figure.values()) {
        if (c.overall(f).orElseThrow().significant()) {
          significant.computeIfAbsent(f, k -> new int[1])[0]++;
        }
      }
    }
    StringBuilder report = new StringBuilder("false alarms over " + PAIRS + " identical pairs:");
    for (int l = 0; l < limits.size(); l++) {
      report.append(String.format(Locale.ROOT, " %s %.1f%%", LIMITS.get(l), 100.0 * gateFailures[l] / PAIRS));
    }
    report.append(String.format(Locale.ROOT, "; any of them %.1f%%; significant either way:", 100.0 * anyGate / PAIRS));
    significant.forEach((f, n) -> report.append(String.format(Locale.ROOT, " %s %.1f%%", f.token(), 100.0 * n[0] / PAIRS)));
    System.out.println(report);
    for (int l = 0; l < limits.size(); l++) {
      assertThat(gateFailures[l]).as(report.toString()).isLessThanOrEqualTo(PAIRS / 20);
    }
    for (Figure f : List.of(Figure.P50, Figure.P90, Figure.P99, Figure.P999, Figure.MEAN)) {
      assertThat(significant.getOrDefault(f, new int[1])[0]).as(report.toString()).isLessThanOrEqualTo(PAIRS / 20);
    }
  }

  /** One simulated 30 s run at 100 req/s; with {@code stall}, the server stops for 2 s at a random moment. */
  static LoadResult run(long seed, boolean stall) {
    int seconds = 30;
    double rate = 100;
    SplittableRandom r = new SplittableRandom(seed);
    double[] level = new double[seconds + 4];
    for (int i = 0; i < level.length; i++) {
      level[i] = Math.exp(0.15 * r.nextGaussian());
    }
    double stallStart = stall ? 3 + r.nextDouble() * (seconds - 8) : Double.NaN;
    double stallEnd = stallStart + 2;
    List<List<Long>> perInterval = new ArrayList<>();
    for (int i = 0; i < seconds + 4; i++) {
      perInterval.add(new ArrayList<>());
    }
    for (int k = 0; k < seconds * rate; k++) {
      double intended = k / rate;
      double service = 0.010 * level[(int) intended] * Math.exp(0.3 * r.nextGaussian())
          + (r.nextDouble() < 0.005 ? 0.060 : 0);
      double start = stall && intended >= stallStart && intended < stallEnd ? stallEnd : intended;
      double done = start + service;
      perInterval.get((int) done).add(Math.round((done - intended) * 1e9));
    }
    List<IntervalStats> intervals = new ArrayList<>();
    List<LatencySnapshot> all = new ArrayList<>();
    for (int i = 0; i < perInterval.size(); i++) {
      List<Long> values = perInterval.get(i);
      if (values.isEmpty() && i >= seconds) {
        continue;
      }
      LatencySnapshot l = LatencySnapshot.of(values.stream().mapToLong(Long::longValue).toArray());
      all.add(l);
      intervals.add(new IntervalStats(Duration.ofSeconds(i), Duration.ofSeconds(1), values.size(), values.size(), 0, 0,
          0, l, l));
    }
    LatencySnapshot latency = LatencySnapshot.merge(all);
    long n = latency.count();
    EndpointStats overall = new EndpointStats("overall", Duration.ofSeconds(seconds), n, n, Map.of(), 0,
        Map.of(200, n), 0, 0, latency, latency, Map.of());
    RunInfo info = new RunInfo("hotpath test", Instant.parse("2026-11-29T15:00:00Z").plusSeconds(seed),
        Duration.ofSeconds(seconds), Duration.ofSeconds(2), LoadModel.OPEN, "http://127.0.0.1:8080/",
        "rate 100/s for 30s", 8, 1, false, Map.of());
    GeneratorHealth health = new GeneratorHealth(LatencySnapshot.of(50_000), 0.1, 0, Duration.ZERO, true, List.of());
    EndpointStats endpoint = new EndpointStats("GET /", overall.elapsed(), n, n, Map.of(), 0, Map.of(200, n), 0, 0,
        latency, latency, Map.of());
    return new LoadResult(info, overall, List.of(endpoint), intervals, List.of(), health);
  }
}
