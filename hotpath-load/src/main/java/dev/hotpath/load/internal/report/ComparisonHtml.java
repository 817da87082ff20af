package dev.hotpath.load.internal.report;

import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.report.ResultComparison;
import dev.hotpath.load.report.ResultComparison.Change;
import dev.hotpath.metrics.Durations;
import dev.hotpath.metrics.LatencySnapshot;
import java.util.ArrayList;
import java.util.List;

/** The HTML page of a comparison: both latency spectra overlaid, latency over time of each, and the table. */
public final class ComparisonHtml {
  private ComparisonHtml() {}

  public static String render(ResultComparison c) {
    LoadResult b0 = c.baseline().get(0);
    StringBuilder sb = new StringBuilder(Html.head("hotpath compare — " + b0.run().target()));
    sb.append("<h1>Comparison: ").append(Html.escape(String.join(", ", c.baselineNames()))).append(" vs ")
        .append(Html.escape(String.join(", ", c.candidateNames()))).append("</h1>\n<div class=\"meta\">Test: ")
        .append(Html.escape(ComparisonText.TEST_LINE1.substring(6) + " " + ComparisonText.TEST_LINE2.strip()))
        .append(" '~' = tested, no significant change; 'untested' = too few runs or intervals to test.</div>\n");
    if (!c.untrustworthy().isEmpty()) {
      sb.append("<div class=\"banner fail\"><b>").append(Html.escape(ComparisonText.UNTRUSTWORTHY)).append("</b><ul>");
      c.untrustworthy().forEach(u -> sb.append("<li>").append(Html.escape(u)).append("</li>"));
      sb.append("</ul></div>\n");
    }
    List<String> differences = new ArrayList<>(c.planDifferences());
    differences.addAll(c.setupDifferences());
    if (!differences.isEmpty()) {
      sb.append("<div class=\"banner warn\"><b>The runs differ in what was run:</b><ul>");
      differences.forEach(d -> sb.append("<li>").append(Html.escape(d)).append("</li>"));
      sb.append("</ul></div>\n");
    }
    List<Change> regressions = c.changes().stream().filter(Change::isRegression).toList();
    sb.append("<div class=\"cards\">");
    sb.append("<div class=\"card\"><div class=\"k\">significant regressions</div><div class=\"v ")
        .append(regressions.isEmpty() ? "pass\">none" : "fail\">" + regressions.size()).append("</div></div>");
    for (ResultComparison.Figure f : List.of(ResultComparison.Figure.P50, ResultComparison.Figure.P99,
        ResultComparison.Figure.RPS, ResultComparison.Figure.ERROR_RATE)) {
      Change ch = c.overall(f).orElseThrow();
      sb.append("<div class=\"card\"><div class=\"k\">").append(Html.escape(f.token())).append("</div><div class=\"v")
          .append(ch.significant() ? (ch.worse() ? " fail" : " pass") : "").append("\">")
          .append(Html.escape(ch.significant() ? ResultComparison.formatChange(ch)
              : ch.verdict() + " " + ResultComparison.formatChange(ch)))
          .append("</div></div>");
    }
    sb.append("</div>\n");
    runs(sb, c);
    sb.append("<h2>Latency</h2>\n<div class=\"charts\">\n");
    // four colours: latency and service time of one side must not be told apart by the dash alone
    sb.append(Charts.spectrum("Percentile spectrum, baseline vs candidate", List.of(
        new Charts.Named("baseline latency", merged(c.baseline(), false), 0, false),
        new Charts.Named("baseline service time", merged(c.baseline(), true), 5, true),
        new Charts.Named("candidate latency", merged(c.candidate(), false), 3, false),
        new Charts.Named("candidate service time", merged(c.candidate(), true), 1, true))));
    sb.append(p99OverTime(c));
    sb.append("</div>\n<h2>All figures</h2>\n<table><tr><th>scope</th><th>figure</th><th>baseline</th><th>candidate</th>"
        + "<th>change</th><th>95% interval</th><th>p</th><th>verdict</th><th>test</th></tr>\n");
    for (Change ch : c.changes()) {
      String v = ch.verdict();
      sb.append("<tr><td>").append(Html.escape(ch.scope())).append("</td><td class=\"l\">")
          .append(Html.escape(ch.figure().token())).append("</td><td>")
          .append(Html.escape(ResultComparison.formatValue(ch.figure(), ch.baseline()))).append("</td><td>")
          .append(Html.escape(ResultComparison.formatValue(ch.figure(), ch.candidate()))).append("</td><td>")
          .append(Html.escape(ResultComparison.formatChange(ch))).append("</td><td>")
          .append(Html.escape(ResultComparison.formatInterval(ch))).append("</td><td>")
          .append(Html.escape(ResultComparison.formatP(ch.pValue()))).append("</td><td class=\"")
          .append(v.equals("worse") ? "fail" : v.equals("better") ? "pass" : "").append("\">").append(v)
          .append("</td><td class=\"l\">").append(Html.escape(ch.test())).append("</td></tr>\n");
    }
    sb.append("</table>\n");
    if (!c.notes().isEmpty()) {
      sb.append("<ul>");
      c.notes().forEach(n -> sb.append("<li>").append(Html.escape(n)).append("</li>"));
      sb.append("</ul>\n");
    }
    sb.append(Html.foot());
    return sb.toString();
  }

  /** Each result's file name, run metadata and generator health, side by side. */
  private static void runs(StringBuilder sb, ResultComparison c) {
    List<LoadResult> all = new ArrayList<>(c.baseline());
    all.addAll(c.candidate());
    List<String> names = new ArrayList<>(c.baselineNames());
    names.addAll(c.candidateNames());
    sb.append("<h2>Runs</h2>\n<table class=\"runs\"><tr><th></th>");
    for (int i = 0; i < all.size(); i++) {
      sb.append("<th>").append(i < c.baseline().size() ? "baseline" : "candidate").append(": ")
          .append(Html.escape(names.get(i))).append("</th>");
    }
    sb.append("</tr>\n");
    row(sb, "target", all, r -> Html.escape(r.run().target()));
    row(sb, "plan", all, r -> Html.escape(r.run().model().name().toLowerCase(java.util.Locale.ROOT) + ", "
        + r.run().schedule()));
    row(sb, "connections, protocol", all, r -> Html.escape(r.run().connections() + ", " + r.run().protocol()
        + (r.run().pipelining() > 1 ? ", pipelining " + r.run().pipelining() : "")));
    row(sb, "measured", all, r -> Html.escape(Html.time(r.run().startedAt()) + ", "
        + Durations.format(r.run().duration().toNanos()) + " after " + Durations.format(r.run().warmup().toNanos())
        + " warm-up" + (r.run().interrupted() ? " (interrupted)" : "")));
    row(sb, "requests, error rate", all, r -> Html.escape(r.overall().completed() + ", "
        + String.format(java.util.Locale.ROOT, "%.2f%%", r.overall().errorRate() * 100)));
    row(sb, "generator", all, r -> {
      var g = r.generator();
      String figures = Html.escape(String.format(java.util.Locale.ROOT, "cpu %.0f%%, gc %d, lag p99 %s",
          g.cpuUsage() * 100, g.gcCount(), Durations.format(g.scheduleLag().p99())));
      return (g.trustworthy() ? "<span class=\"pass\">trustworthy</span>" : "<span class=\"fail\">NOT TRUSTWORTHY</span>")
          + "<br>" + figures;
    });
    row(sb, "tool", all, r -> Html.escape(r.run().tool()));
    sb.append("</table>\n");
  }

  private static void row(StringBuilder sb, String key, List<LoadResult> all,
      java.util.function.Function<LoadResult, String> html) {
    sb.append("<tr><th>").append(Html.escape(key)).append("</th>");
    for (LoadResult r : all) {
      sb.append("<td>").append(html.apply(r)).append("</td>");
    }
    sb.append("</tr>\n");
  }

  private static LatencySnapshot merged(List<LoadResult> side, boolean service) {
    List<LatencySnapshot> s = new ArrayList<>();
    for (LoadResult r : side) {
      EndpointStats o = r.overall();
      s.add(service ? o.serviceTime() : o.latency());
    }
    return LatencySnapshot.merge(s);
  }

  /** P99 per interval of the first run of each side, on one time axis. */
  private static String p99OverTime(ResultComparison c) {
    SvgChart chart = new SvgChart("P99 over time (first run of each side)", "seconds since warm-up ended", "ms")
        .units("s", "ms").yLog(true); // a stall and a quiet second differ by orders of magnitude
    int i = 0;
    for (List<LoadResult> side : List.of(c.baseline(), c.candidate())) {
      var iv = side.get(0).intervals();
      double[] xs = new double[iv.size()];
      double[] ys = new double[iv.size()];
      for (int j = 0; j < iv.size(); j++) {
        xs[j] = (iv.get(j).start().toNanos() + iv.get(j).length().toNanos()) / 1e9;
        LatencySnapshot l = iv.get(j).latency();
        ys[j] = l.isEmpty() ? Double.NaN : l.p99() / 1e6;
      }
      chart.add(new SvgChart.Series(i == 0 ? "baseline P99" : "candidate P99", Charts.color(i == 0 ? 0 : 3), xs, ys,
          false));
      i++;
    }
    return chart.render();
  }
}
