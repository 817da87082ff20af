package dev.hotpath.load.internal.report;

import dev.hotpath.load.result.ErrorKind;
import dev.hotpath.load.result.GeneratorSample;
import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.metrics.LatencySnapshot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The report's charts, each from result data to SVG. */
public final class Charts {
  /** Colours that stay apart for colour-blind readers (Okabe-Ito). */
  private static final String[] COLORS = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"};

  /** The {@code i}-th series colour (wrapping around). */
  public static String color(int i) {
    return COLORS[Math.floorMod(i, COLORS.length)];
  }

  private Charts() {}

  /** A named latency distribution for the spectrum chart, drawn in {@link #color(int) color(colorIndex)}. */
  public record Named(String name, LatencySnapshot snapshot, int colorIndex, boolean dashed) {}

  /** Each interval's end, in seconds since the end of warm-up: where its point is drawn. */
  private static double[] ends(List<IntervalStats> intervals) {
    double[] xs = new double[intervals.size()];
    for (int i = 0; i < xs.length; i++) {
      IntervalStats iv = intervals.get(i);
      xs[i] = (iv.start().toNanos() + iv.length().toNanos()) / 1e9;
    }
    return xs;
  }

  /** {@code count} of each interval per second of its length. */
  private static double[] perSecond(List<IntervalStats> intervals, java.util.function.ToLongFunction<IntervalStats> count) {
    double[] ys = new double[intervals.size()];
    for (int i = 0; i < ys.length; i++) {
      double s = intervals.get(i).length().toNanos() / 1e9;
      ys[i] = s <= 0 ? 0 : count.applyAsLong(intervals.get(i)) / s;
    }
    return ys;
  }

  private static SvgChart overTime(String title, String yLabel, String yUnit) {
    return new SvgChart(title, "seconds since warm-up ended", yLabel).units("s", yUnit);
  }

  /** P50/P90/P99/max of each interval, in ms, over seconds since the start; {@code log} for a log y axis. */
  public static String latencyOverTime(List<IntervalStats> intervals, boolean log) {
    int n = intervals.size();
    double[] xs = ends(intervals);
    double[][] ys = new double[4][n];
    for (int i = 0; i < n; i++) {
      LatencySnapshot l = intervals.get(i).latency();
      boolean empty = l.isEmpty();
      ys[0][i] = empty ? Double.NaN : l.p50() / 1e6;
      ys[1][i] = empty ? Double.NaN : l.p90() / 1e6;
      ys[2][i] = empty ? Double.NaN : l.p99() / 1e6;
      ys[3][i] = empty ? Double.NaN : l.max() / 1e6;
    }
    String[] names = {"P50", "P90", "P99", "max"};
    SvgChart c = overTime("Latency over time (from intended start)", "ms", "ms").yLog(log);
    for (int s = 0; s < 4; s++) {
      c.add(new SvgChart.Series(names[s], COLORS[s], xs, ys[s], false));
    }
    return c.render();
  }

  /** Completed requests, errors and drops per second, per interval, with the rate the plan asked for. */
  public static String throughputOverTime(List<IntervalStats> intervals) {
    int n = intervals.size();
    double[] xs = ends(intervals);
    double[] rps = perSecond(intervals, IntervalStats::completed);
    double[] eps = perSecond(intervals, IntervalStats::errors);
    double[] drops = perSecond(intervals, IntervalStats::dropped);
    double[] target = new double[n];
    boolean planned = false;
    for (int i = 0; i < n; i++) {
      target[i] = intervals.get(i).generator().targetRate();
      planned |= target[i] > 0;
    }
    SvgChart c = overTime("Throughput and errors over time", "per second", "/s")
        .add(new SvgChart.Series("completed/s", COLORS[0], xs, rps, false));
    if (planned) {
      c.add(new SvgChart.Series("target rate", COLORS[6], xs, target, true));
    }
    return c.add(new SvgChart.Series("errors/s", COLORS[3], xs, eps, false))
        .add(new SvgChart.Series("dropped/s", COLORS[4], xs, drops, true))
        .render();
  }

  /** Failed requests per second by kind (http_5xx, timeout, ...), per interval; empty when nothing failed. */
  public static String errorsOverTime(List<IntervalStats> intervals) {
    Set<ErrorKind> kinds = EnumSet.noneOf(ErrorKind.class);
    long unattributed = 0;
    for (IntervalStats iv : intervals) {
      kinds.addAll(iv.errorsByKind().keySet());
      unattributed += iv.errors() - iv.errorsByKind().values().stream().mapToLong(Long::longValue).sum();
    }
    if (kinds.isEmpty() && unattributed == 0) {
      return "";
    }
    double[] xs = ends(intervals);
    SvgChart c = overTime("Errors by kind over time", "errors per second", "/s");
    int color = 3;
    for (ErrorKind k : kinds) {
      c.add(new SvgChart.Series(k.jsonName(), color(color++), xs,
          perSecond(intervals, iv -> iv.errorsByKind().getOrDefault(k, 0L)), false));
    }
    if (unattributed > 0) { // results written before intervals recorded the kinds
      c.add(new SvgChart.Series("errors (kind not recorded)", color(color), xs,
          perSecond(intervals, IntervalStats::errors), false));
    }
    return c.render();
  }

  /** Open connections, requests in flight and requests waiting for a connection, at each interval's end. */
  public static String connectionsOverTime(List<IntervalStats> intervals) {
    int n = intervals.size();
    double[] xs = ends(intervals);
    double[] open = new double[n];
    double[] inFlight = new double[n];
    double[] queued = new double[n];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      GeneratorSample g = intervals.get(i).generator();
      open[i] = g.openConnections();
      inFlight[i] = g.inFlight();
      queued[i] = g.queued();
      any |= !g.equals(GeneratorSample.NONE);
    }
    if (!any) {
      return "";
    }
    return overTime("Connections and requests in flight", "count", "")
        .add(new SvgChart.Series("open connections", COLORS[0], xs, open, false))
        .add(new SvgChart.Series("in flight", COLORS[1], xs, inFlight, false))
        .add(new SvgChart.Series("waiting for a connection", COLORS[4], xs, queued, true))
        .render();
  }

  /**
   * How late the generator handled the planned sends of each interval (P99 and max), so a report
   * shows <em>when</em> the generator fell behind; empty without data (closed model, older results).
   */
  public static String generatorLagOverTime(List<IntervalStats> intervals) {
    int n = intervals.size();
    double[] xs = ends(intervals);
    double[] p99 = new double[n];
    double[] max = new double[n];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      LatencySnapshot lag = intervals.get(i).generator().scheduleLag();
      any |= !lag.isEmpty();
      p99[i] = lag.isEmpty() ? Double.NaN : lag.p99() / 1e6;
      max[i] = lag.isEmpty() ? Double.NaN : lag.max() / 1e6;
    }
    if (!any) {
      return "";
    }
    return overTime("Generator schedule lag over time (how late it sent)", "ms", "ms")
        .add(new SvgChart.Series("lag P99", COLORS[3], xs, p99, false))
        .add(new SvgChart.Series("lag max", COLORS[6], xs, max, true))
        .render();
  }

  /**
   * The percentile spectrum on HdrHistogram's axis: x = log10(1 / (1 - p)), so 90%, 99%, 99.9%
   * ... are equally spaced and the tail gets the room it deserves.
   */
  public static String spectrum(String title, List<Named> distributions) {
    double top = 3; // at least up to 99.9%
    List<List<LatencySnapshot.SpectrumPoint>> points = new ArrayList<>();
    for (Named d : distributions) {
      List<LatencySnapshot.SpectrumPoint> p = d.snapshot().spectrum(5);
      points.add(p);
      for (LatencySnapshot.SpectrumPoint sp : p) {
        if (sp.percentile() < 100) {
          top = Math.max(top, Math.ceil(axis(sp.percentile())));
        }
      }
    }
    top = Math.min(top, 6);
    SvgChart c = new SvgChart(title, "percentile", "ms").xRange(0, top).units("", "ms");
    List<SvgChart.Tick> ticks = new ArrayList<>();
    String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"};
    for (int i = 0; i <= top; i++) {
      ticks.add(new SvgChart.Tick(i, labels[i]));
    }
    c.xTicks(ticks);
    for (int i = 0; i < distributions.size(); i++) {
      List<LatencySnapshot.SpectrumPoint> p = points.get(i);
      double[] xs = new double[p.size()];
      double[] ys = new double[p.size()];
      String[] hover = new String[p.size()];
      for (int j = 0; j < p.size(); j++) {
        double pct = p.get(j).percentile();
        xs[j] = pct >= 100 ? top : Math.min(top, axis(pct));
        ys[j] = p.get(j).valueNanos() / 1e6;
        hover[j] = pct >= 100 ? "max" : "P" + String.format(Locale.ROOT, "%.4g", pct);
      }
      Named d = distributions.get(i);
      c.add(new SvgChart.Series(d.name(), color(d.colorIndex()), xs, ys, d.dashed(), hover));
    }
    return c.render();
  }

  static double axis(double percentile) {
    return Math.log10(100 / (100 - percentile));
  }
}
