package dev.hotpath.load.internal.report;

import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.metrics.LatencySnapshot;
import java.util.ArrayList;
import java.util.List;

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

  /** P50/P90/P99/max of each interval, in ms, over seconds since the start. */
  public static String latencyOverTime(List<IntervalStats> intervals) {
    int n = intervals.size();
    double[] xs = new double[n];
    double[][] ys = new double[4][n];
    for (int i = 0; i < n; i++) {
      IntervalStats iv = intervals.get(i);
      xs[i] = (iv.start().toNanos() + iv.length().toNanos()) / 1e9;
      LatencySnapshot l = iv.latency();
      boolean empty = l.isEmpty();
      ys[0][i] = empty ? Double.NaN : l.p50() / 1e6;
      ys[1][i] = empty ? Double.NaN : l.p90() / 1e6;
      ys[2][i] = empty ? Double.NaN : l.p99() / 1e6;
      ys[3][i] = empty ? Double.NaN : l.max() / 1e6;
    }
    String[] names = {"P50", "P90", "P99", "max"};
    SvgChart c = new SvgChart("Latency over time (from intended start)", "seconds", "ms");
    for (int s = 0; s < 4; s++) {
      c.add(new SvgChart.Series(names[s], COLORS[s], xs, ys[s], false));
    }
    return c.render();
  }

  /** Completed requests and errors per second, per interval. */
  public static String throughputOverTime(List<IntervalStats> intervals) {
    int n = intervals.size();
    double[] xs = new double[n];
    double[] rps = new double[n];
    double[] eps = new double[n];
    double[] drops = new double[n];
    for (int i = 0; i < n; i++) {
      IntervalStats iv = intervals.get(i);
      xs[i] = (iv.start().toNanos() + iv.length().toNanos()) / 1e9;
      double s = iv.length().toNanos() / 1e9;
      rps[i] = iv.rps();
      eps[i] = s <= 0 ? 0 : iv.errors() / s;
      drops[i] = s <= 0 ? 0 : iv.dropped() / s;
    }
    return new SvgChart("Throughput and errors over time", "seconds", "per second")
        .add(new SvgChart.Series("completed/s", COLORS[0], xs, rps, false))
        .add(new SvgChart.Series("errors/s", COLORS[3], xs, eps, false))
        .add(new SvgChart.Series("dropped/s", COLORS[4], xs, drops, true))
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
    SvgChart c = new SvgChart(title, "percentile", "ms").xRange(0, top);
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
      for (int j = 0; j < p.size(); j++) {
        double pct = p.get(j).percentile();
        xs[j] = pct >= 100 ? top : Math.min(top, axis(pct));
        ys[j] = p.get(j).valueNanos() / 1e6;
      }
      Named d = distributions.get(i);
      c.add(new SvgChart.Series(d.name(), color(d.colorIndex()), xs, ys, d.dashed()));
    }
    return c.render();
  }

  static double axis(double percentile) {
    return Math.log10(100 / (100 - percentile));
  }
}
