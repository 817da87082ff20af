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
    // latency over time (4) + spectrum (2) + throughput (3)
    assertThat(paths).isEqualTo(9);
    assertThat(html).contains("Percentile spectrum").contains("99.9%").contains("Server-Timing breakdown")
        .contains("server: db").contains("gap: service time").contains("GET /users").contains("POST /orders")
        .contains("Generator health").contains("1/2 passed").contains("FAIL");
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
    String compare = ResultComparison.of(List.of(base), List.of(slower)).toHtml();
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
