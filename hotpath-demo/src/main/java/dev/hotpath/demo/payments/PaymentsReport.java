package dev.hotpath.demo.payments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotpath.demo.internal.ReportPages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The payments case's output: a console table (naive beside optimized), {@code payments.json} and a
 * self-contained {@code payments.html} whose timeline charts shade the fault windows.
 */
final class PaymentsReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ModeResult> results;
  private final PaymentsOptions options;
  private final String database;
  private final String command;

  PaymentsReport(List<ModeResult> results, PaymentsOptions options, String database, String command) {
    this.results = List.copyOf(results);
    this.options = options;
    this.database = database;
    this.command = command;
  }

  private @Nullable ModeResult mode(String name) {
    return results.stream().filter(r -> r.mode.equals(name)).findFirst().orElse(null);
  }

  private String queueKind() {
    ModeResult optimized = mode("optimized");
    return optimized == null ? "-" : optimized.queueKind;
  }

  /**
   * The guarantees the optimized mode exists to show, broken: each is a reason the case fails. Counts,
   * never times (a busy machine may miss a latency target; it may not charge twice).
   */
  List<String> failures() {
    List<String> failures = new ArrayList<>();
    ModeResult o = mode("optimized");
    if (o != null) {
      if (o.doubleCharged > 0) {
        failures.add("optimized charged " + o.doubleCharged + " payments twice");
      }
      if (o.lost > 0) {
        failures.add("optimized lost " + o.lost + " payments (charged or accepted, nothing will complete them)");
      }
      if (o.drainSeconds < 0) {
        failures.add("optimized left " + o.openOutboxAtEnd + " outbox entries and " + o.pendingAtEnd
            + " pending payments after " + options.maxDrain().toSeconds() + " s of draining (" + o.unsettled
            + " payments unsettled; a machine this busy cannot show the case)");
      }
    }
    return failures;
  }

  /** The targets, each PASS or MISS with the figure. */
  List<String> acceptance() {
    List<String> lines = new ArrayList<>();
    ModeResult o = mode("optimized");
    if (o != null) {
      lines.add(line(o.doubleCharged == 0, "optimized: double charges " + o.doubleCharged + " (target 0)"));
      lines.add(line(o.lost == 0, "optimized: lost payments " + o.lost + " (target 0)"));
      lines.add(line(o.balanceInFaults.p99() < 50_000_000L, "optimized: /balance P99 during gateway faults "
          + ms(o.balanceInFaults.p99()) + " (target < 50 ms)"));
      lines.add(line(!o.refusalsInOutage.isEmpty() && o.refusalsInOutage.p99() < 50_000_000L,
          "optimized: refusals while the gateway is down " + o.refusalsInOutage.count() + ", P99 "
              + ms(o.refusalsInOutage.p99()) + " (target < 50 ms)"));
      lines.add(line(o.requestAvailabilityOutsideOutage >= 0.999, "optimized: availability outside the gateway outage "
          + pct(o.requestAvailabilityOutsideOutage) + " (target >= 99.9 %)"));
    }
    ModeResult n = mode("naive");
    if (n != null) {
      lines.add(line(n.doubleCharged > 0, "naive: double charges " + n.doubleCharged + " (expected > 0)"));
      lines.add(line(n.balanceInFaults.p99() >= 1_000_000_000L, "naive: /balance P99 during gateway faults "
          + ms(n.balanceInFaults.p99()) + " (expected in seconds)"));
      lines.add(line(n.errors(ErrorClass.CONNECTION) > 0, "naive: errors during the instance loss "
          + n.errors(ErrorClass.CONNECTION) + " (expected > 0)"));
    }
    return lines;
  }

  private static String line(boolean pass, String text) {
    return "  " + (pass ? "PASS" : "MISS") + " " + text;
  }

  /** One row of the table: a figure and how to read it from a result. */
  private record Row(String figure, Function<ModeResult, String> value) {}

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("accepted payments", r -> Long.toString(r.accepted)));
    rows.add(new Row("successful payments/s (mean)", r -> fmt(r.paymentsPerSecond(), 1)));
    for (ErrorClass c : ErrorClass.values()) {
      rows.add(new Row("errors: " + c.label, r -> Long.toString(r.errors(c))));
    }
    rows.add(new Row("/balance P99 (whole run)", r -> ms(r.balance.p99())));
    rows.add(new Row("/balance P99 during gateway faults", r -> ms(r.balanceInFaults.p99())));
    rows.add(new Row("payment answer P99 while gateway down", r -> ms(r.attemptsInOutage.p99())));
    rows.add(new Row("fast refusals (503) while gateway down", r -> r.refusalsInOutage.count()
        + (r.refusalsInOutage.isEmpty() ? "" : ", P99 " + ms(r.refusalsInOutage.p99()))));
    rows.add(new Row("driver lag P99 / max (late starts, in every latency)", r -> ms(r.driverLag.p99()) + " / "
        + ms(r.driverLag.max())));
    rows.add(new Row("availability (requests)", r -> pct(r.requestAvailability)));
    rows.add(new Row("availability outside gateway outage", r -> pct(r.requestAvailabilityOutsideOutage)));
    rows.add(new Row("incidents / MTTR (seconds < 99% ok)", r -> r.availability.incidents() + " / "
        + (r.availability.incidents() == 0 ? "-" : fmt(r.availability.mttr().toMillis() / 1000.0, 1) + " s")));
    rows.add(new Row("double-charged payments (extra charges)", r -> r.doubleCharged + " (" + r.extraCharges + ")"));
    rows.add(new Row("lost payments (charged or accepted, nothing will complete them)", r -> Long.toString(r.lost)));
    rows.add(new Row("unsettled at the end (pending or charged, not completed yet)", r -> Long.toString(r.unsettled)));
    rows.add(new Row("queue", r -> r.queueKind));
    rows.add(new Row("queue max depth / drain time", r -> r.maxQueueDepth() + " / "
        + (r.drainSeconds < 0 ? "not drained" : fmt(r.drainSeconds, 1) + " s")));
    return rows;
  }

  /** The console table and the acceptance lines. */
  String table() {
    List<Row> rows = rows();
    int width = rows.stream().mapToInt(r -> r.figure().length()).max().orElse(10) + 2;
    StringBuilder sb = new StringBuilder();
    sb.append("Payments — ").append(options.paymentRate()).append(" payments/s + ").append(options.balanceRate())
        .append(" /balance/s, database ").append(database).append(", queue ").append(queueKind()).append('\n');
    sb.append(pad("figure", width));
    results.forEach(r -> sb.append(pad(r.mode, 22)));
    sb.append('\n');
    for (Row row : rows) {
      sb.append(pad(row.figure(), width));
      results.forEach(r -> sb.append(pad(row.value().apply(r), 22)));
      sb.append('\n');
    }
    acceptance().forEach(a -> sb.append(a).append('\n'));
    return sb.toString();
  }

  /** The case's entry in the demo's summary.json: totals per mode, acceptance, failures. */
  ObjectNode summary(List<String> failures) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("name", "payments");
    n.put("title", "Payments: a failing gateway and a lost instance");
    n.put("database", database);
    n.put("queue", queueKind());
    n.put("offeredPaymentsPerSecond", options.paymentRate());
    n.put("offeredBalancePerSecond", options.balanceRate());
    ArrayNode modes = n.putArray("modes");
    for (ModeResult r : results) {
      ObjectNode m = modes.addObject();
      m.put("mode", r.mode);
      m.set("totals", JSON.valueToTree(r.toJson().get("totals")));
    }
    ArrayNode acc = n.putArray("acceptance");
    acceptance().forEach(a -> acc.add(a.strip()));
    ArrayNode fail = n.putArray("failures");
    failures.forEach(fail::add);
    return n;
  }

  /** Writes payments.json (with the per-second series) and the stand-alone payments.html into {@code dir}. */
  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("case", "payments");
    json.put("command", command);
    json.put("database", database);
    json.put("offeredPaymentsPerSecond", options.paymentRate());
    json.put("offeredBalancePerSecond", options.balanceRate());
    List<Map<String, Object>> windows = new ArrayList<>();
    for (FaultTimeline.Window w : results.get(0).timeline.windows()) {
      windows.add(Map.of("fault", w.fault().name().toLowerCase(Locale.ROOT), "startSeconds", w.start().toMillis() / 1000.0,
          "endSeconds", w.end().toMillis() / 1000.0));
    }
    json.put("faults", windows);
    json.put("modes", results.stream().map(ModeResult::toJson).toList());
    json.put("acceptance", acceptance().stream().map(String::strip).toList());
    json.put("failures", failures());
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("payments.json").toFile(), json);
    String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hotpath demo payments</title>"
        + "<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}"
        + "td,th{border:1px solid #ccc;padding:4px 8px}code{background:#f0f0f0;padding:2px 4px}</style></head><body>"
        + section() + "<p>Reproduce: <code>" + ReportPages.escape(command) + "</code></p></body></html>\n";
    Files.writeString(dir.resolve("payments.html"), page, StandardCharsets.UTF_8);
  }

  /** The case's section of index.html: the table, the acceptance lines and the timeline charts. */
  String section() {
    StringBuilder sb = new StringBuilder();
    sb.append("<h2>Payments: a failing gateway and a lost instance</h2>\n<div class=\"meta\">Offered load: ")
        .append(options.paymentRate()).append(" payments/s and ").append(options.balanceRate())
        .append(" <code>/balance</code>/s through hotpath-http&#39;s <code>LoadBalancer</code> to 3 instances (child JVMs) for ")
        .append(options.load().toSeconds()).append(" s per mode, after a ").append(options.warmup().toSeconds())
        .append(" s warm-up.<br>Database: <code>").append(ReportPages.escape(database)).append("</code>; queue (optimized): <code>")
        .append(ReportPages.escape(queueKind())).append("</code>; gateway: simulated on loopback.<br>Faults: ");
    for (FaultTimeline.Window w : results.get(0).timeline.windows()) {
      sb.append(ReportPages.escape(label(w.fault()))).append(" ").append(fmt(w.start().toMillis() / 1000.0, 1)).append("–")
          .append(fmt(w.end().toMillis() / 1000.0, 1)).append(" s; ");
    }
    sb.append("</div>\n<table><tr><th>figure</th>");
    results.forEach(r -> sb.append("<th>").append(ReportPages.escape(r.mode)).append("</th>"));
    sb.append("</tr>\n");
    for (Row row : rows()) {
      sb.append("<tr><td class=\"l\">").append(ReportPages.escape(row.figure())).append("</td>");
      results.forEach(r -> sb.append("<td>").append(ReportPages.escape(row.value().apply(r))).append("</td>"));
      sb.append("</tr>\n");
    }
    sb.append("</table>\n<ul>");
    for (String a : acceptance()) {
      String t = a.strip();
      sb.append("<li class=\"").append(t.startsWith("PASS") ? "pass" : "fail").append("\">").append(ReportPages.escape(t))
          .append("</li>");
    }
    sb.append("</ul>\n<p>Lines: <span style=\"color:#d62728\">naive</span>, <span style=\"color:#2ca02c\">optimized</span>;"
        + " shaded: the fault windows.</p>\n");
    sb.append(chart("Successful payments per second", s -> s.paymentsOk.get(), false));
    sb.append(chart("Errors per second (every attempt, all classes)", s -> {
      long sum = 0;
      for (int i = 0; i < s.errors.length(); i++) {
        sum += s.errors.get(i);
      }
      return sum;
    }, false));
    sb.append(chart("/balance P99 per second (ms, log scale)",
        s -> s.balanceSnapshot.isEmpty() ? Double.NaN : s.balanceSnapshot.p99() / 1e6, true));
    sb.append(chart("Open outbox entries (queue depth)", s -> s.queueDepth.get() < 0 ? Double.NaN : s.queueDepth.get(), false));
    return sb.toString();
  }

  private static String label(FaultTimeline.Fault fault) {
    return switch (fault) {
      case GATEWAY_SLOW -> "gateway slow";
      case GATEWAY_ERRORS -> "gateway 5xx";
      case GATEWAY_DOWN -> "gateway down";
      case INSTANCE_DOWN -> "instance 3 killed";
    };
  }

  private String chart(String title, ToDoubleFunction<ModeResult.Second> value, boolean log) {
    int w = 1000;
    int h = 220;
    int left = 50;
    int bottom = 20;
    int n = results.stream().mapToInt(r -> r.seconds.length).max().orElse(1);
    double max = 0;
    double min = log ? Double.MAX_VALUE : 0;
    for (ModeResult r : results) {
      for (ModeResult.Second s : r.seconds) {
        double v = value.applyAsDouble(s);
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
          if (v > 0) {
            min = Math.min(min, v);
          }
        }
      }
    }
    if (max <= 0) {
      max = 1;
    }
    if (log) {
      min = min == Double.MAX_VALUE ? 0.1 : Math.max(0.1, min);
    }
    double lo = log ? Math.log10(min) : 0;
    double hi = log ? Math.log10(Math.max(max, min * 10)) : max;
    double xs = (double) (w - left) / Math.max(1, n - 1);
    StringBuilder sb = new StringBuilder("<h3>").append(ReportPages.escape(title)).append("</h3><svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(w).append(' ').append(h + bottom).append("\" style=\"max-width:").append(w).append("px;width:100%\">");
    List<FaultTimeline.Window> windows = results.get(0).timeline.windows();
    for (int k = 0; k < windows.size(); k++) {
      FaultTimeline.Window win = windows.get(k);
      double x1 = left + win.start().toMillis() / 1000.0 * xs;
      double x2 = left + win.end().toMillis() / 1000.0 * xs;
      String fill = switch (win.fault()) {
        case GATEWAY_SLOW -> "#ffbb78";
        case GATEWAY_ERRORS -> "#ff7f0e";
        case GATEWAY_DOWN -> "#d62728";
        case INSTANCE_DOWN -> "#9467bd";
      };
      sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" fill=\"%s\" opacity=\"0.15\"/>",
          x1, x2 - x1, h, fill));
      // labels stagger down the chart: adjacent windows would print over each other
      sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%s</text>", x1 + 2, 12 + 12 * k,
          ReportPages.escape(label(win.fault()))));
    }
    sb.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"12\" font-size=\"10\">%s</text>", fmt(log ? Math.pow(10, hi) : hi, 1)));
    sb.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"10\">%s</text>", h, fmt(log ? Math.pow(10, lo) : lo, 1)));
    for (int t = 0; t < n; t += 10) {
      sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%d s</text>", left + t * xs, h + 14, t));
    }
    for (ModeResult r : results) {
      StringBuilder path = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < r.seconds.length; i++) {
        double v = value.applyAsDouble(r.seconds[i]);
        if (Double.isNaN(v) || (log && v <= 0)) {
          pen = false;
          continue;
        }
        double scaled = log ? (Math.log10(v) - lo) / (hi - lo) : v / hi;
        double y = h - Math.max(0, Math.min(1, scaled)) * (h - 16);
        path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", left + i * xs, y));
        pen = true;
      }
      String color = r.mode.equals("naive") ? "#d62728" : "#2ca02c";
      sb.append("<path class=\"").append(ReportPages.escape(r.mode)).append("\" stroke=\"").append(color)
          .append("\" fill=\"none\" stroke-width=\"2\" d=\"")
          .append(path.toString().strip()).append("\"/>");
    }
    return sb.append("</svg>").toString();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String ms(long nanos) {
    return nanos >= 1_000_000_000L ? fmt(nanos / 1e9, 2) + " s" : fmt(nanos / 1e6, 1) + " ms";
  }

  private static String pct(double fraction) {
    return fmt(fraction * 100, 2) + " %";
  }

}
