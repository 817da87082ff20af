package dev.hotpath.load;

import dev.hotpath.load.report.RegressionLimit;
import dev.hotpath.load.report.ResultComparison;
import dev.hotpath.load.result.LoadResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hotpath.load.report.ResultComparison.Change;
import dev.hotpath.load.report.ResultComparison.Figure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultComparisonTest {
  private static final ReportFixtures.Sim BASE = new ReportFixtures.Sim(100, 30, 1.0, 1);
  private static final List<RegressionLimit> P99_10 = List.of(RegressionLimit.parse("p99>+10%"));

  @Test
  void identicalRunsShowNoSignificantChange() {
    LoadResult a = ReportFixtures.run(BASE);
    ResultComparison c = ResultComparison.of(List.of(a), List.of(ReportFixtures.run(BASE)));
    assertThat(c.changes()).isNotEmpty().noneMatch(Change::significant);
    assertThat(c.overall(Figure.P99).orElseThrow().change()).isZero();
    assertThat(c.overall(Figure.P99).orElseThrow().pValue()).isEqualTo(1.0);
    assertThat(c.violations(P99_10)).isEmpty();
    assertThat(c.toTable()).contains("bootstrap").contains("Mann-Whitney U").contains("~");
  }

  @Test
  void anotherSampleOfTheSameSystemIsNotARegression() {
    ResultComparison c = ResultComparison.of(List.of(ReportFixtures.run(BASE)),
        List.of(ReportFixtures.run(BASE.slower(1.0, 2))));
    assertThat(c.overall(Figure.P50).orElseThrow().significant()).isFalse();
    assertThat(c.violations(P99_10)).isEmpty();
  }

  @Test
  void thirtyPercentSlowerIsASignificantRegression() {
    ResultComparison c = ResultComparison.of(List.of(ReportFixtures.run(BASE)),
        List.of(ReportFixtures.run(BASE.slower(1.3, 2))));
    // (P99 sits where the fixture's 1% of 150 ms pauses begins: too unstable to call from one run each)
    for (Figure f : List.of(Figure.P50, Figure.P90, Figure.MEAN)) {
      Change ch = c.overall(f).orElseThrow();
      assertThat(ch.significant()).as(f.token()).isTrue();
      assertThat(ch.worse()).as(f.token()).isTrue();
      assertThat(ch.pValue()).as(f.token()).isLessThan(0.001);
      assertThat(ch.ciLow()).as(f.token()).isGreaterThan(10).isLessThan(ch.change());
      assertThat(ch.ciHigh()).as(f.token()).isGreaterThan(ch.change());
    }
    assertThat(c.overall(Figure.P50).orElseThrow().change()).isCloseTo(30, within(8.0));
    assertThat(c.overall(Figure.RPS).orElseThrow().significant()).isFalse(); // the plan's rate did not change
    assertThat(c.violations(List.of(RegressionLimit.parse("p90>+10%")))).singleElement().asString()
        .startsWith("p90>+10%: p90 +");
    assertThat(c.violations(List.of(RegressionLimit.parse("p90>+80%")))).isEmpty();
    // per-endpoint figures have no time series: one run per side shows the change but does not test it
    Change ep = c.change("GET /users", Figure.P50).orElseThrow();
    assertThat(ep.change()).isGreaterThan(15);
    assertThat(ep.significant()).isFalse();
    assertThat(ep.test()).isEqualTo("not tested");
    assertThat(ep.verdict()).isEqualTo("untested");
    assertThat(c.toTable()).contains("worse");
    assertThat(c.toTable().lines().filter(l -> l.startsWith("GET /users")))
        .hasSize(Figure.values().length).allMatch(l -> l.contains("untested") && !l.contains(" ~ "));
  }

  @Test
  void fasterIsBetterNotWorse() {
    ResultComparison c = ResultComparison.of(List.of(ReportFixtures.run(BASE.slower(1.3, 2))),
        List.of(ReportFixtures.run(BASE)));
    Change p50 = c.overall(Figure.P50).orElseThrow();
    assertThat(p50.significant()).isTrue();
    assertThat(p50.worse()).isFalse();
    assertThat(c.violations(P99_10)).isEmpty();
  }

  @Test
  void severalRunsPerSideAreAlsoTestedAcrossRuns() {
    List<LoadResult> base = new ArrayList<>();
    List<LoadResult> slow = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      base.add(ReportFixtures.run(new ReportFixtures.Sim(100, 10, 1.0, 10 + i)));
      slow.add(ReportFixtures.run(new ReportFixtures.Sim(100, 10, 1.3, 20 + i)));
    }
    ResultComparison c = ResultComparison.of(base, slow);
    Change p50 = c.overall(Figure.P50).orElseThrow();
    assertThat(p50.test()).isEqualTo("bootstrap 44 vs 44 intervals, MW p=<0.001, runs 4 vs 4");
    assertThat(p50.significant()).isTrue();
    assertThat(p50.pValue()).isCloseTo(2.0 / 70, within(1e-9)); // the exact test's floor for 4 vs 4 decides
    Change ep = c.change("POST /orders", Figure.P50).orElseThrow();
    assertThat(ep.test()).isEqualTo("runs 4 vs 4");
    assertThat(ep.verdict()).isEqualTo("worse");
    assertThat(ep.significant()).isTrue();
    assertThat(c.notes()).isEmpty();

    ResultComparison same = ResultComparison.of(base, base.reversed());
    assertThat(same.changes()).noneMatch(Change::significant);

    ResultComparison two = ResultComparison.of(base.subList(0, 2), slow.subList(0, 2));
    assertThat(two.notes()).anyMatch(n -> n.contains("cannot reach"));
    assertThat(two.overall(Figure.P50).orElseThrow().significant()).isTrue(); // intervals decide
    assertThat(two.change("GET /users", Figure.P50).orElseThrow().verdict()).isEqualTo("untested");
  }

  /** Endpoint rows measured on one side only used to vanish into a note; untested rows read '~' (tested, no change). */
  @Test
  void endpointsMissingOnASideAreShownAsSuch() {
    LoadResult base = ReportFixtures.run(BASE);
    LoadResult cand = ReportFixtures.run(BASE.slower(1.0, 2));
    LoadResult onlyUsers = new LoadResult(cand.run(), cand.overall(), List.of(cand.endpoints().get(0)),
        cand.intervals(), List.of(), cand.generator());
    LoadResult onlyOrders = new LoadResult(base.run(), base.overall(), List.of(base.endpoints().get(1)),
        base.intervals(), List.of(), base.generator());
    ResultComparison c = ResultComparison.of(List.of(onlyOrders), List.of(onlyUsers));
    assertThat(c.change("GET /users", Figure.P50).orElseThrow().verdict()).isEqualTo("not in baseline");
    assertThat(c.change("POST /orders", Figure.P99).orElseThrow().verdict()).isEqualTo("not in candidate");
    String table = c.toTable();
    assertThat(table.lines().filter(l -> l.startsWith("GET /users"))).allMatch(l -> l.contains("not in baseline"));
    assertThat(table.lines().filter(l -> l.startsWith("POST /orders"))).allMatch(l -> l.contains("not in candidate"));
    assertThat(c.toHtml()).contains("not in baseline").contains("not in candidate");
  }

  @Test
  void errorRateChangesInPercentagePoints() {
    LoadResult a = ReportFixtures.run(BASE);
    ResultComparison c = ResultComparison.of(List.of(a), List.of(a));
    Change e = c.overall(Figure.ERROR_RATE).orElseThrow();
    assertThat(e.baseline()).isGreaterThan(0.005).isLessThan(0.02);
    assertThat(ResultComparison.formatChange(e)).isEqualTo("+0.00pp");
    assertThat(c.toHtml()).contains("<svg").contains("baseline latency").contains("candidate latency");
  }
}
