package dev.hotpath.load;

import dev.hotpath.load.report.HtmlReport;
import dev.hotpath.load.report.ResultComparison;
import dev.hotpath.load.result.GeneratorHealth;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadResultJson;
import dev.hotpath.load.result.LoadShard;
import dev.hotpath.load.result.ResultThresholds;
import dev.hotpath.load.result.RunInfo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final Pattern PATH = Pattern.compile("<path class=\"series\" data-series=\"([^\"]*)\" d=\"([^\"]*)\"");

  @Test
  void drawsEveryChartWithData() {
    LoadResult r = ResultThresholds.evaluate(ReportFixtures.run(new ReportFixtures.Sim(100, 20, 1.0, 3)),
        List.of("p99<1s", "error_rate<0.1%"));
    String html = HtmlReport.render(r);
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    Matcher m = PATH.matcher(html);
    int paths = 0;
    while (m.find()) {
      paths++;
      // a real line: many points, not just a move
      assertThat(m.group(2).split(" L").length).as(m.group(1)).isGreaterThan(5);
    }
    // latency over time, linear and log (4 + 4) + spectrum (2) + throughput with target rate (4) + errors by kind (1)
    // + connections (3) + generator lag (2)
    assertThat(paths).isEqualTo(20);
    assertThat(html).contains("Percentile spectrum").contains("99.9%").contains("Server-Timing breakdown")
        .contains("server: db").contains("gap: service time").contains("GET /users").contains("POST /orders")
        .contains("Generator health").contains("1/2 passed").contains("FAIL");
  }

  /** What issue #14 found missing from the report page. */
  @Test
  void showsWhenThingsHappenedAndHowLongWasMeasured() {
    String html = HtmlReport.render(ReportFixtures.run(new ReportFixtures.Sim(100, 20, 1.0, 3)));
    assertThat(html).contains("measured from 2026-11-29 15:00:00 UTC to 2026-11-29 15:00:20 UTC")
        .doesNotContain("15:00:00Z");
    assertThat(html).containsPattern("Planned: <code>rate 100/s for 20s</code>, the first 2(\\.0+)?s of it warm-up\\. Measured: 20(\\.0+)?s\\.")
        .contains("responses still in flight when the plan ended were awaited");
    assertThat(html).contains("id=\"latency-log\"").contains("ms, log scale");
    assertThat(html).contains("data-series=\"target rate\"").contains("Errors by kind over time")
        .contains("data-series=\"http_5xx\"").contains("Connections and requests in flight")
        .contains("data-series=\"open connections\"").contains("Generator schedule lag over time");
    // hover values on the points
    assertThat(html).containsPattern("<title>P99 at [0-9.]+ s: [0-9.]+ ms</title>")
        .containsPattern("<title>completed/s at [0-9.]+ s: [0-9.]+ /s</title>")
        .contains("<title>latency at P99.9");
  }

  /** The compare page: whose files, how each was run, readable legends, four distinguishable spectra. */
  @Test
  void comparePageNamesTheFilesAndTellsTheSeriesApart() {
    LoadResult base = ReportFixtures.run(new ReportFixtures.Sim(100, 20, 1.0, 3));
    LoadResult slow = ReportFixtures.run(new ReportFixtures.Sim(100, 20, 1.3, 4));
    String html = ResultComparison.of(List.of(base), List.of(slow)).withNames(List.of("base.json"), List.of("new.json"))
        .toHtml();
    assertThat(html).contains("<h1>Comparison: base.json vs new.json</h1>").contains("baseline: base.json")
        .contains("candidate: new.json").contains("trustworthy").contains("rate 100/s for 20s")
        .contains("2026-11-29 15:00:00 UTC");
    Matcher m = Pattern.compile("data-series=\"([^\"]*)\" d=\"[^\"]*\" stroke=\"([^\"]*)\"").matcher(html);
    java.util.Map<String, String> colors = new java.util.HashMap<>();
    while (m.find()) {
      colors.put(m.group(1), m.group(2));
    }
    assertThat(colors.get("baseline latency")).isNotEqualTo(colors.get("baseline service time"))
        .isNotEqualTo(colors.get("candidate latency"));
    assertThat(colors.get("candidate latency")).isNotEqualTo(colors.get("candidate service time"));
    // legends wrap instead of running off the 640-wide chart
    Matcher legend = Pattern.compile("<text class=\"legend\" x=\"([0-9.]+)\" y=\"[0-9.]+\">([^<]*)</text>").matcher(html);
    int legends = 0;
    while (legend.find()) {
      legends++;
      assertThat(Double.parseDouble(legend.group(1)) + 6.6 * legend.group(2).length()).as(legend.group(2))
          .isLessThanOrEqualTo(640 - 16);
    }
    assertThat(legends).isGreaterThanOrEqualTo(6);
  }

  @Test
  void isSelfContainedAndEscapesWhatItShows() {
    LoadResult r = ReportFixtures.run(new ReportFixtures.Sim(50, 5, 1.0, 3));
    RunInfo o = r.run();
    RunInfo evil = new RunInfo(o.tool(), o.startedAt(), o.duration(), o.warmup(), o.model(),
        "http://x/<script>alert(1)</script>", o.schedule(), o.connections(), o.pipelining(), o.interrupted(),
        java.util.Map.of("team", "\"a&b\""));
    String html = HtmlReport.render(new LoadResult(evil, r.overall(), r.endpoints(), r.intervals(), List.of(),
        r.generator()));
    assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&quot;a&amp;b&quot;");
    // nothing fetched from anywhere: no scripts, links, images, fonts
    assertThat(html).doesNotContain("src=").doesNotContain("<link").doesNotContain("@import")
        .doesNotContain("url(");
    assertThat(html.replace("http://www.w3.org/2000/svg", "").replace("http://x/", "")).doesNotContain("http://")
        .doesNotContain("https://");
  }

  /** Writes sample pages for bench/report-screenshot.sh (headless Chromium) to look at. */
  @Test
  void writesSamplesForTheScreenshotCheck() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
    ReportFixtures.Sim sim = new ReportFixtures.Sim(100, 60, 1.0, 3);
    LoadResult base = ResultThresholds.evaluate(ReportFixtures.run(sim), List.of("p99<100ms", "error_rate<2%"));
    HtmlReport.write(base, dir.resolve("report-sample.html"));
    LoadResult slower = ReportFixtures.run(sim.slower(1.3, 4));
    LoadResultJson.write(ReportFixtures.run(sim), dir.resolve("base-sample.json"));
    LoadResultJson.write(slower, dir.resolve("new-sample.json"));
    for (int i = 0; i < 4; i++) {
      LoadResultJson.write(ReportFixtures.run(sim, new LoadShard(i, 4)), dir.resolve("shard-sample-" + i + ".json"));
    }
    String compare = ResultComparison.of(List.of(base), List.of(slower))
        .withNames(List.of("base-sample.json"), List.of("new-sample.json")).toHtml();
    java.nio.file.Files.writeString(dir.resolve("compare-sample.html"), compare);
    assertThat(dir.resolve("report-sample.html")).isNotEmptyFile();
    assertThat(compare).contains("worse");
  }

  @Test
  void anEmptyRunStillRenders() {
    LoadResult r = ReportFixtures.run(new ReportFixtures.Sim(50, 5, 1.0, 3));
    LoadResult empty = new LoadResult(r.run(), r.overall(), r.endpoints(), List.of(), List.of(), GeneratorHealth.unknown());
    assertThat(HtmlReport.render(empty)).contains("no data");
  }
}
