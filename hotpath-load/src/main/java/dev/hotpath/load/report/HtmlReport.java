package dev.hotpath.load.report;

import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.GeneratorHealth;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadResultJson;
import dev.hotpath.load.result.RunInfo;
import dev.hotpath.load.result.ServerTimingStats;
import dev.hotpath.load.result.ThresholdResult;
import dev.hotpath.load.internal.report.Charts;
import dev.hotpath.load.internal.report.Html;
import dev.hotpath.metrics.Durations;
import dev.hotpath.metrics.LatencySnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report of a {@link LoadResult} ({@code hotpath report result.json -o report.html}): one
 * self-contained file — charts are inline SVG drawn here, no script, no fonts or styles fetched —
 * that opens anywhere, offline, and can be attached to a CI run.
 *
 * <p>Contents: the run's metadata; summary cards (RPS, P50/P95/P99/P99.9, error rate, threshold
 * verdicts); latency over time (P50/P90/P99/max per interval); the percentile spectrum of latency
 * and service time on HdrHistogram's logarithmic percentile axis; throughput, errors and drops
 * over time; a per-endpoint table; each endpoint's {@code Server-Timing} breakdown beside the
 * client's latency (the gap is network and queueing); the generator's own health.
 *
 * <p>All text from the result (target, endpoint names, labels) is HTML-escaped.
 *
 * <p>Thread-safe: stateless.
 *
 * <pre>{@code
 * HtmlReport.write(LoadResultJson.read(Path.of("result.json")), Path.of("report.html"));
 * }</pre>
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** Writes the report of {@code result} to {@code file}, replacing it. */
  public static void write(LoadResult result, Path file) throws IOException {
    Files.writeString(file, render(result));
  }

  /** The report of {@code result} as an HTML document. */
  public static String render(LoadResult result) {
    RunInfo run = result.run();
    EndpointStats all = result.overall();
    StringBuilder sb = new StringBuilder(Html.head("hotpath load report — " + run.target()));
    sb.append("<h1>Load test: ").append(Html.escape(run.target())).append("</h1>\n<div class=\"meta\">")
        .append(Html.escape(run.model().name().toLowerCase(Locale.ROOT))).append(" model, <code>")
        .append(Html.escape(run.schedule())).append("</code>, ").append(run.connections()).append(" connections")
        .append(run.pipelining() > 1 ? ", pipelining " + run.pipelining() : "")
        .append(", ").append(Html.escape(run.protocol()))
        .append(run.transport().isEmpty() ? "" : " over " + Html.escape(run.transport()))
        .append(" · measured from ").append(Html.escape(Html.time(run.startedAt())))
        .append(" to ").append(Html.escape(Html.time(run.startedAt().plus(run.duration()))))
        .append(run.interrupted() ? " · <span class=\"warn\">interrupted</span>" : "")
        .append(" · ").append(Html.escape(run.tool()));
    for (Map.Entry<String, String> l : run.labels().entrySet()) {
      sb.append(" · <code>").append(Html.escape(l.getKey() + "=" + l.getValue())).append("</code>");
    }
    sb.append("</div>\n<p class=\"meta\">").append(durations(run)).append("</p>\n");

    sb.append("<div class=\"cards\">\n");
    card(sb, "RPS", String.format(Locale.ROOT, "%.1f", all.rps()), "");
    card(sb, "P50", Durations.format(all.latency().p50()), "");
    card(sb, "P95", Durations.format(all.latency().p95()), "");
    card(sb, "P99", Durations.format(all.latency().p99()), "");
    card(sb, "P99.9", Durations.format(all.latency().p999()), "");
    card(sb, "Max", Durations.format(all.latency().max()), "");
    card(sb, "Error rate", String.format(Locale.ROOT, "%.2f%%", all.errorRate() * 100), all.errorCount() > 0 ? "fail" : "pass");
    card(sb, "Requests", all.completed() + (all.dropped() > 0 ? " (+" + all.dropped() + " dropped)" : ""),
        all.dropped() > 0 ? "warn" : "");
    if (!result.thresholds().isEmpty()) {
      long passed = result.thresholds().stream().filter(ThresholdResult::passed).count();
      card(sb, "Thresholds", passed + "/" + result.thresholds().size() + " passed",
          result.thresholdsPassed() ? "pass" : "fail");
    }
    card(sb, "Generator", result.generator().trustworthy() ? "trustworthy" : "overloaded",
        result.generator().trustworthy() ? "pass" : "warn");
    sb.append("</div>\n");

    if (!result.thresholds().isEmpty()) {
      sb.append("<h2>Thresholds</h2>\n<table><tr><th>expression</th><th>verdict</th><th>actual</th></tr>\n");
      for (ThresholdResult t : result.thresholds()) {
        sb.append("<tr><td>").append(Html.escape(t.expression())).append("</td><td class=\"")
            .append(t.passed() ? "pass\">PASS" : "fail\">FAIL").append("</td><td class=\"l\">")
            .append(Html.escape(t.actual())).append("</td></tr>\n");
      }
      sb.append("</table>\n");
    }

    sb.append("<h2>Latency</h2>\n<div class=\"charts\">\n<div class=\"scale\">"
        + "<input type=\"radio\" name=\"latency-scale\" id=\"latency-linear\" checked>"
        + "<label for=\"latency-linear\">linear</label>"
        + "<input type=\"radio\" name=\"latency-scale\" id=\"latency-log\"><label for=\"latency-log\">log scale</label>"
        + "<div class=\"linear\">");
    sb.append(Charts.latencyOverTime(result.intervals(), false));
    sb.append("</div><div class=\"log\">").append(Charts.latencyOverTime(result.intervals(), true)).append("</div></div>\n");
    sb.append(Charts.spectrum("Percentile spectrum", List.of(
        new Charts.Named("latency", all.latency(), 0, false),
        new Charts.Named("service time", all.serviceTime(), 1, true))));
    sb.append("</div>\n<h2>Throughput</h2>\n<div class=\"charts\">\n");
    sb.append(Charts.throughputOverTime(result.intervals()));
    sb.append(Charts.errorsOverTime(result.intervals()));
    sb.append(Charts.connectionsOverTime(result.intervals()));
    sb.append("</div>\n");

    sb.append("<h2>Endpoints</h2>\n<table><tr><th>endpoint</th><th>planned</th><th>completed</th><th>RPS</th>"
        + "<th>errors</th><th>error rate</th><th>dropped</th><th>P50</th><th>P90</th><th>P99</th><th>P99.9</th>"
        + "<th>max</th><th>status codes</th><th>errors by kind</th></tr>\n");
    for (EndpointStats e : result.endpoints()) {
      endpointRow(sb, e);
    }
    if (result.endpoints().size() != 1) {
      endpointRow(sb, all);
    }
    sb.append("</table>\n");

    serverTiming(sb, result);

    GeneratorHealth g = result.generator();
    sb.append("<h2>Generator health</h2>\n<table>");
    row(sb, "verdict", g.trustworthy() ? "<span class=\"pass\">trustworthy</span>"
        : "<span class=\"warn\">the generator was a bottleneck: latencies describe it, not the server</span>");
    row(sb, "schedule lag P50 / P99 / max", Html.escape(Durations.format(g.scheduleLag().p50()) + " / "
        + Durations.format(g.scheduleLag().p99()) + " / " + Durations.format(g.scheduleLag().max())));
    row(sb, "CPU (share of all cores)", String.format(Locale.ROOT, "%.0f%%", g.cpuUsage() * 100));
    row(sb, "GC", g.gcCount() + " collections, " + Html.escape(Durations.format(g.gcTime().toNanos())));
    sb.append("</table>\n");
    String lag = Charts.generatorLagOverTime(result.intervals());
    if (!lag.isEmpty()) {
      sb.append("<div class=\"charts\">").append(lag).append("</div>\n");
    }
    if (!g.warnings().isEmpty()) {
      sb.append("<ul>");
      for (String w : g.warnings()) {
        sb.append("<li class=\"warn\">").append(Html.escape(w)).append("</li>");
      }
      sb.append("</ul>\n");
    }
    sb.append(Html.foot());
    return sb.toString();
  }

  /** Planned vs measured time, for people: why they may differ. */
  private static String durations(RunInfo run) {
    String measured = Durations.format(run.duration().toNanos());
    String warmup = Durations.format(run.warmup().toNanos());
    // the schedule spans the whole plan, warm-up included
    StringBuilder sb = new StringBuilder("Planned: <code>").append(Html.escape(run.schedule())).append("</code>")
        .append(run.warmup().isZero() ? "" : ", the first " + Html.escape(warmup) + " of it warm-up")
        .append(". Measured: ").append(Html.escape(measured)).append(". ");
    if (run.interrupted()) {
      sb.append("The run was interrupted, so it measured less than planned.");
    } else if (run.model() == dev.hotpath.load.result.LoadModel.OPEN) {
      sb.append("Every figure refers to the measured time: it starts when warm-up ends (warm-up requests are"
          + " left out) and spans the plan's arrivals; responses still in flight when the plan ended were"
          + " awaited (up to the timeout) and count in the last interval.");
    } else {
      sb.append("Every figure refers to the measured time: from the end of warm-up until the run stopped"
          + " (its duration or request limit).");
    }
    return sb.toString();
  }

  private static void card(StringBuilder sb, String key, String value, String cls) {
    sb.append("<div class=\"card\"><div class=\"k\">").append(Html.escape(key)).append("</div><div class=\"v")
        .append(cls.isEmpty() ? "" : " " + cls).append("\">").append(Html.escape(value)).append("</div></div>\n");
  }

  private static void row(StringBuilder sb, String key, String html) {
    sb.append("<tr><th>").append(Html.escape(key)).append("</th><td class=\"l\">").append(html).append("</td></tr>\n");
  }

  private static void endpointRow(StringBuilder sb, EndpointStats e) {
    LatencySnapshot l = e.latency();
    StringBuilder status = new StringBuilder();
    e.statusCodes().forEach((k, v) -> status.append(status.isEmpty() ? "" : ", ").append(k).append(": ").append(v));
    StringBuilder kinds = new StringBuilder();
    e.errors().forEach((k, v) -> kinds.append(kinds.isEmpty() ? "" : ", ").append(k.jsonName()).append(": ").append(v));
    sb.append("<tr><td>").append(Html.escape(e.name())).append("</td><td>").append(e.planned()).append("</td><td>")
        .append(e.completed()).append("</td><td>").append(String.format(Locale.ROOT, "%.1f", e.rps())).append("</td><td>")
        .append(e.errorCount()).append("</td><td>").append(String.format(Locale.ROOT, "%.2f%%", e.errorRate() * 100))
        .append("</td><td>").append(e.dropped()).append("</td>");
    for (long v : new long[] {l.p50(), l.p90(), l.p99(), l.p999(), l.max()}) {
      sb.append("<td>").append(Html.escape(Durations.format(v))).append("</td>");
    }
    sb.append("<td class=\"l\">").append(Html.escape(status.toString())).append("</td><td class=\"l\">")
        .append(Html.escape(kinds.toString())).append("</td></tr>\n");
  }

  /** Client latency and service time beside the server's own Server-Timing figures, with bars of the means. */
  private static void serverTiming(StringBuilder sb, LoadResult result) {
    sb.append("<h2>Server-Timing breakdown</h2>\n");
    boolean any = result.endpoints().stream().anyMatch(e -> !e.serverTiming().isEmpty());
    if (!any) {
      sb.append("<p>The responses carried no <code>Server-Timing</code> header. With hotpath-monitor's filter on the"
          + " server, each endpoint shows the server's own time (app, db, cache) beside the client's, and the gap"
          + " between them is network and queueing.</p>\n");
      return;
    }
    sb.append("<p>Client latency (from intended start) and service time (from the actual send) beside the server's"
        + " own figures. The gap between service time and the server's <code>app</code> time is network, the"
        + " server's accept queue and everything before its filter ran.</p>\n");
    for (EndpointStats e : result.endpoints()) {
      if (e.serverTiming().isEmpty()) {
        continue;
      }
      double scale = Math.max(1, e.latency().mean());
      sb.append("<table><tr><th>").append(Html.escape(e.name()))
          .append("</th><th>count</th><th>mean</th><th>P50</th><th>P99</th><th>mean, to scale</th></tr>\n");
      timingRow(sb, "client latency", e.latency(), scale, Charts.color(0));
      timingRow(sb, "service time", e.serviceTime(), scale, Charts.color(1));
      int c = 2;
      for (Map.Entry<String, ServerTimingStats> t : e.serverTiming().entrySet()) {
        timingRow(sb, "server: " + t.getKey(), t.getValue().duration(), scale, Charts.color(c++));
      }
      ServerTimingStats app = e.serverTiming().get("app");
      if (app != null && app.count() > 0) {
        double gap = e.serviceTime().mean() - app.duration().mean();
        sb.append("<tr><td>gap: service time − app (network, queueing)</td><td></td><td>")
            .append(Html.escape(Durations.format(Math.round(gap)))).append("</td><td></td><td></td><td></td></tr>\n");
      }
      sb.append("</table>\n");
    }
  }

  private static void timingRow(StringBuilder sb, String name, LatencySnapshot s, double scale, String color) {
    double w = Math.max(0, Math.min(1, s.mean() / scale)) * 300;
    sb.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(s.count()).append("</td><td>")
        .append(Html.escape(Durations.format(Math.round(s.mean())))).append("</td><td>")
        .append(Html.escape(Durations.format(s.p50()))).append("</td><td>")
        .append(Html.escape(Durations.format(s.p99()))).append("</td><td class=\"l\">")
        .append("<svg width=\"304\" height=\"12\" xmlns=\"http://www.w3.org/2000/svg\"><rect class=\"bar\" x=\"0\" y=\"1\" width=\"")
        .append(String.format(Locale.ROOT, "%.1f", w)).append("\" height=\"10\" fill=\"").append(color)
        .append("\"/></svg></td></tr>\n");
  }
}
