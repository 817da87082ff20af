package dev.hotpath.demo.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotpath.load.report.HtmlReport;
import dev.hotpath.load.report.ResultComparison;
import dev.hotpath.load.result.LoadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The figures of a stepped case as a console table, an HTML section and a JSON summary, with the acceptance checks. */
final class StepReport {
  private final SteppedService service;
  private final List<StepFigures> figures;
  private final double rate;
  private final String rateHow;
  private final CaseStudy.Context ctx;
  private final Backends.Database db;
  private final Map<String, Long> sizes;

  StepReport(SteppedService service, List<StepFigures> figures, double rate, String rateHow, CaseStudy.Context ctx,
      Backends.Database db, Map<String, Long> sizes) {
    this.service = service;
    this.figures = List.copyOf(figures);
    this.rate = rate;
    this.rateHow = rateHow;
    this.ctx = ctx;
    this.db = db;
    this.sizes = sizes;
  }

  private static final String[] HEAD = {"step", "P50", "P99", "P99.9", "P99 ×", "req/s", "max req/s", "max ×",
    "queries/req", "cache hits", "bytes/resp", "bytes ×", "Server-Timing (mean)"};

  /** One row per step; × columns compare with the first step (lower latency and bytes, higher throughput = better). */
  String consoleTable() {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEAD);
    StepFigures base = figures.isEmpty() ? null : figures.get(0);
    for (StepFigures f : figures) {
      rows.add(new String[] {
        f.step().label(), Fmt.nanos(f.p50()), Fmt.nanos(f.p99()), Fmt.nanos(f.p999()),
        base == null ? "-" : Fmt.times((double) base.p99() / f.p99()),
        Fmt.rate(f.openRps()), Fmt.rate(f.maxRps()),
        base == null ? "-" : Fmt.times(f.maxRps() / base.maxRps()),
        Fmt.num(f.queriesPerRequest()), Fmt.percent(f.cacheHitRatio()), Fmt.bytes(f.bytesPerRequest()),
        base == null ? "-" : Fmt.times(base.bytesPerRequest() / f.bytesPerRequest()),
        timing(f.serverTimingMeanMs())
      });
    }
    int[] w = new int[HEAD.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append(service.title()).append(String.format(Locale.ROOT, " — open model at %s req/s (%s)%n", Fmt.rate(rate), rateHow));
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        String cell = i == 0 || i == r.length - 1 ? pad(r[i], w[i], false) : pad(r[i], w[i], true);
        sb.append(i == 0 ? "" : "  ").append(cell);
      }
      while (sb.charAt(sb.length() - 1) == ' ') {
        sb.setLength(sb.length() - 1);
      }
      sb.append(System.lineSeparator());
    }
    for (String a : acceptance()) {
      sb.append(a).append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static String pad(String s, int w, boolean right) {
    String fill = " ".repeat(Math.max(0, w - s.length()));
    return right ? fill + s : s + fill;
  }

  static String timing(Map<String, Double> t) {
    return t.isEmpty() ? "-" : t.entrySet().stream().map(e -> e.getKey() + " " + Fmt.num(e.getValue()) + " ms")
        .collect(Collectors.joining(", "));
  }

  /** The acceptance figures, optimized (last step) vs naive (first), each with its target. */
  List<String> acceptance() {
    List<String> lines = new ArrayList<>();
    if (figures.size() < 2 || !figures.get(0).step().name().equals(service.steps().get(0).name())
        || !figures.get(figures.size() - 1).step().name().equals(service.steps().get(service.steps().size() - 1).name())) {
      return lines;
    }
    StepFigures n = figures.get(0);
    StepFigures o = figures.get(figures.size() - 1);
    lines.add(check("P99 at " + Fmt.rate(rate) + " req/s", Fmt.nanos(n.p99()), Fmt.nanos(o.p99()), (double) n.p99() / o.p99(),
        10, "lower"));
    lines.add(check("max req/s", Fmt.rate(n.maxRps()), Fmt.rate(o.maxRps()), o.maxRps() / n.maxRps(), 5, "higher"));
    n.queriesPerRequestByEndpoint().forEach((endpoint, q) -> {
      Double qo = o.queriesPerRequestByEndpoint().get(endpoint);
      if (qo != null) {
        lines.add(reduction("DB queries per " + endpoint + " request", Fmt.num(q), Fmt.num(qo), q, qo, 0.90));
      }
    });
    lines.add(reduction("bytes per response", Fmt.bytes(n.bytesPerRequest()), Fmt.bytes(o.bytesPerRequest()),
        n.bytesPerRequest(), o.bytesPerRequest(), 0.70));
    return lines;
  }

  private static String check(String what, String before, String after, double ratio, double target, String way) {
    return String.format(Locale.ROOT, "  %-4s %s: %s -> %s (%s %s; target >= %s)", ratio >= target ? "PASS" : "MISS", what,
        before, after, Fmt.times(ratio), way, Fmt.times(target));
  }

  private static String reduction(String what, String before, String after, double b, double a, double target) {
    double cut = b <= 0 ? 0 : 1 - a / b;
    return String.format(Locale.ROOT, "  %-4s %s: %s -> %s (-%s; target -%s)", cut >= target ? "PASS" : "MISS", what,
        before, after, Fmt.percent(cut), Fmt.percent(target));
  }

  /** The case's section of index.html. */
  String html(Map<String, LoadResult> opens) {
    StringBuilder sb = new StringBuilder();
    sb.append("<h2>").append(ReportPages.escape(service.title())).append("</h2>\n<div class=\"meta\">");
    sb.append("Database: <code>").append(ReportPages.escape(db.description())).append("</code>")
        .append(db.real() ? "" : " (stand-in)").append("<br>Cache: <code>")
        .append(ReportPages.escape(ctx.backends().cacheDescription())).append("</code><br>Data: ")
        .append(ReportPages.escape(SteppedCase.sizes(sizes))).append(" (seed ").append(ctx.config().seed())
        .append(", scale ").append(Fmt.num(ctx.config().scale())).append(")<br>Open model: ")
        .append(Fmt.rate(rate)).append(" req/s for ").append(ctx.phases().open().toSeconds()).append(" s (")
        .append(ReportPages.escape(rateHow)).append("), ").append(ctx.phases().openConnections())
        .append(" connections at most. Closed model: ").append(ctx.phases().closedConnections())
        .append(" connections for ").append(ctx.phases().closed().toSeconds()).append(" s after a ")
        .append(ctx.phases().warmup().toSeconds()).append(" s warm-up.</div>\n");
    sb.append("<table><tr>");
    for (String h : HEAD) {
      sb.append("<th>").append(ReportPages.escape(h)).append("</th>");
    }
    sb.append("<th>fix</th></tr>\n");
    StepFigures base = figures.isEmpty() ? null : figures.get(0);
    for (StepFigures f : figures) {
      String[] cells = {
        f.step().label(), Fmt.nanos(f.p50()), Fmt.nanos(f.p99()), Fmt.nanos(f.p999()),
        base == null ? "-" : Fmt.times((double) base.p99() / f.p99()), Fmt.rate(f.openRps()), Fmt.rate(f.maxRps()),
        base == null ? "-" : Fmt.times(f.maxRps() / base.maxRps()), Fmt.num(f.queriesPerRequest()),
        Fmt.percent(f.cacheHitRatio()), Fmt.bytes(f.bytesPerRequest()),
        base == null ? "-" : Fmt.times(base.bytesPerRequest() / f.bytesPerRequest()), timing(f.serverTimingMeanMs()),
        f.step().fix()};
      sb.append("<tr>");
      for (int i = 0; i < cells.length; i++) {
        sb.append(i == cells.length - 1 || i == cells.length - 2 ? "<td class=\"l\">" : "<td>")
            .append(ReportPages.escape(cells[i])).append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</table>\n");
    List<String> acc = acceptance();
    if (!acc.isEmpty()) {
      sb.append("<ul>");
      for (String a : acc) {
        String t = a.strip();
        sb.append("<li class=\"").append(t.startsWith("PASS") ? "pass" : "fail").append("\">")
            .append(ReportPages.escape(t)).append("</li>");
      }
      sb.append("</ul>\n");
    }
    sb.append("<div class=\"charts\">\n");
    sb.append(bars("P99 latency at " + Fmt.rate(rate) + " req/s (ms)", f -> f.p99() / 1e6, f -> Fmt.nanos(f.p99())));
    sb.append(bars("Maximum requests per second (closed model)", StepFigures::maxRps, f -> Fmt.rate(f.maxRps())));
    sb.append(bars("Database queries per request", StepFigures::queriesPerRequest, f -> Fmt.num(f.queriesPerRequest())));
    sb.append(bars("Bytes per response (on the wire)", StepFigures::bytesPerRequest, f -> Fmt.bytes(f.bytesPerRequest())));
    sb.append("</div>\n");
    List<LoadResult> runs = new ArrayList<>(opens.values());
    if (runs.size() >= 2) {
      sb.append("<details><summary>Comparison: ").append(ReportPages.escape(figures.get(0).step().label()))
          .append(" vs ").append(ReportPages.escape(figures.get(figures.size() - 1).step().label()))
          .append(" at the same offered rate</summary>\n")
          .append(ReportPages.body(ResultComparison.of(List.of(runs.get(0)), List.of(runs.get(runs.size() - 1))).toHtml()))
          .append("</details>\n");
    }
    opens.forEach((step, r) -> sb.append("<details><summary>Step ").append(ReportPages.escape(step))
        .append(": the open-model run's report (").append(ReportPages.escape(step)).append(".open.json)</summary>\n")
        .append(ReportPages.body(HtmlReport.render(r))).append("</details>\n"));
    return sb.toString();
  }

  private String bars(String title, ToDoubleFunction<StepFigures> value, java.util.function.Function<StepFigures, String> text) {
    List<ReportPages.Bar> b = new ArrayList<>();
    for (StepFigures f : figures) {
      b.add(new ReportPages.Bar(f.step().label(), value.applyAsDouble(f), text.apply(f)));
    }
    return ReportPages.bars(title, b);
  }

  /** The case's entry in summary.json. */
  com.fasterxml.jackson.databind.node.ObjectNode json(List<String> failures) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("name", service.name());
    n.put("title", service.title());
    n.put("database", db.description());
    n.put("databaseReal", db.real());
    n.put("cache", ctx.backends().cacheDescription());
    ObjectNode data = n.putObject("data");
    sizes.forEach(data::put);
    n.put("offeredRate", rate);
    n.put("offeredRateHow", rateHow);
    ArrayNode steps = n.putArray("steps");
    figures.forEach(f -> steps.add(f.toJson()));
    ArrayNode acc = n.putArray("acceptance");
    acceptance().forEach(a -> acc.add(a.strip()));
    ArrayNode fail = n.putArray("failures");
    failures.forEach(fail::add);
    return n;
  }
}
