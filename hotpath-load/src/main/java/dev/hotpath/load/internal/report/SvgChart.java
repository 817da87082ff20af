package dev.hotpath.load.internal.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A line chart drawn as inline SVG (no script, no network): axes with ticks, grid, one path per
 * series, a legend that wraps onto as many rows as it needs (never clipped), and a hover value on
 * every point (an SVG {@code <title>}, shown by any browser as a tooltip). X values are given already
 * transformed (e.g. the percentile axis); the x ticks may be supplied with their labels. The y axis
 * is linear from 0 to a round maximum, or logarithmic over the decades the data spans.
 */
public final class SvgChart {
  /** One line: points (xs[i], ys[i]); NaN values break nothing, they are skipped. */
  public static final class Series {
    private final String name;
    private final String color;
    private final double[] xs;
    private final double[] ys;
    private final boolean dashed;
    private final String @Nullable [] labels;

    public Series(String name, String color, double[] xs, double[] ys, boolean dashed) {
      this(name, color, xs, ys, dashed, null);
    }

    /** With {@code labels[i]} as the hover text's x part of point i (e.g. {@code 99.9%}) instead of its x value. */
    public Series(String name, String color, double[] xs, double[] ys, boolean dashed, String @Nullable [] labels) {
      if (xs.length != ys.length || (labels != null && labels.length != xs.length)) {
        throw new IllegalArgumentException("xs, ys and labels differ in length: " + xs.length + " vs " + ys.length);
      }
      this.name = name;
      this.color = color;
      this.xs = xs.clone();
      this.ys = ys.clone();
      this.dashed = dashed;
      this.labels = labels == null ? null : labels.clone();
    }
  }

  /** An x tick at {@code value} labelled {@code label}. */
  public record Tick(double value, String label) {}

  private static final int W = 640;
  private static final int H = 300;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TITLE = 28;
  private static final int LEGEND_ROW = 16;
  private static final int BOTTOM = 44;
  private static final double CHAR = 6.6; // width of an 11px legend character, generously

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private List<Tick> xTicks = List.of();
  private double xMin = Double.NaN;
  private double xMax = Double.NaN;
  private boolean yLog;
  private String xUnit = "";
  private String yUnit = "";

  public SvgChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public SvgChart add(Series s) {
    series.add(s);
    return this;
  }

  /** Fixed x ticks (and with them the x range, unless set). */
  public SvgChart xTicks(List<Tick> ticks) {
    this.xTicks = List.copyOf(ticks);
    return this;
  }

  public SvgChart xRange(double min, double max) {
    this.xMin = min;
    this.xMax = max;
    return this;
  }

  /** A logarithmic y axis (values at or below 0 are left out). */
  public SvgChart yLog(boolean log) {
    this.yLog = log;
    return this;
  }

  /** Units in the hover text, e.g. {@code "s"} and {@code "ms"}: "P99 at 12 s: 23.4 ms". */
  public SvgChart units(String x, String y) {
    this.xUnit = x;
    this.yUnit = y;
    return this;
  }

  /** The legend's rows: each row the series that fit side by side in the plot's width. */
  private List<List<Series>> legendRows() {
    List<List<Series>> rows = new ArrayList<>();
    List<Series> row = new ArrayList<>();
    double width = 0;
    double room = W - LEFT - RIGHT - 8;
    for (Series s : series) {
      double w = 26 + CHAR * s.name.length();
      if (!row.isEmpty() && width + w > room) {
        rows.add(row);
        row = new ArrayList<>();
        width = 0;
      }
      row.add(s);
      width += w;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  public String render() {
    List<List<Series>> legend = legendRows();
    int top = TITLE + legend.size() * LEGEND_ROW + 6;
    int height = H + legend.size() * LEGEND_ROW;
    double x0 = xMin;
    double x1 = xMax;
    double yMax = 0;
    double yMinPositive = Double.POSITIVE_INFINITY;
    boolean any = false;
    double dataXMin = Double.POSITIVE_INFINITY;
    double dataXMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.xs.length; i++) {
        if (visible(s.xs[i], s.ys[i])) {
          any = true;
          yMax = Math.max(yMax, s.ys[i]);
          if (s.ys[i] > 0) {
            yMinPositive = Math.min(yMinPositive, s.ys[i]);
          }
          dataXMin = Math.min(dataXMin, s.xs[i]);
          dataXMax = Math.max(dataXMax, s.xs[i]);
        }
      }
    }
    if (Double.isNaN(x0)) {
      x0 = any ? dataXMin : 0;
    }
    if (Double.isNaN(x1)) {
      x1 = any ? dataXMax : 1;
    }
    if (x1 <= x0) {
      x1 = x0 + 1;
    }
    double pw = W - LEFT - RIGHT;
    double ph = height - top - BOTTOM;
    YAxis y = yLog ? YAxis.log(any ? yMinPositive : 1, any ? yMax : 10) : YAxis.linear(yMax);
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ')
        .append(height).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n");
    sb.append("<text class=\"title\" x=\"").append(LEFT).append("\" y=\"18\">").append(Html.escape(title)).append("</text>\n");
    for (double v : y.ticks) {
      double py = top + ph - y.fraction(v) * ph;
      sb.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"")
          .append(f(py)).append("\" y2=\"").append(f(py)).append("\"/>");
      sb.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(f(py + 4))
          .append("\" text-anchor=\"end\">").append(num(v)).append("</text>\n");
    }
    List<Tick> ticks = xTicks.isEmpty() ? autoTicks(x0, x1) : xTicks;
    for (Tick t : ticks) {
      if (t.value() < x0 - 1e-9 || t.value() > x1 + 1e-9) {
        continue;
      }
      double px = LEFT + (t.value() - x0) / (x1 - x0) * pw;
      sb.append("<line class=\"grid\" x1=\"").append(f(px)).append("\" x2=\"").append(f(px)).append("\" y1=\"").append(top)
          .append("\" y2=\"").append(top + (int) ph).append("\"/>");
      // a label at the right edge ends there rather than running past the chart
      String anchor = px > W - RIGHT - 3.5 * t.label().length() ? "end" : "middle";
      sb.append("<text class=\"tick\" x=\"").append(f(px)).append("\" y=\"").append(top + (int) ph + 16)
          .append("\" text-anchor=\"").append(anchor).append("\">").append(Html.escape(t.label())).append("</text>\n");
    }
    sb.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"")
        .append(top + (int) ph).append("\" y2=\"").append(top + (int) ph).append("\"/>");
    sb.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(top)
        .append("\" y2=\"").append(top + (int) ph).append("\"/>\n");
    sb.append("<text class=\"label\" x=\"").append(LEFT + (int) pw / 2).append("\" y=\"").append(height - 6)
        .append("\" text-anchor=\"middle\">").append(Html.escape(xLabel)).append("</text>");
    sb.append("<text class=\"label\" transform=\"translate(14,").append(top + (int) ph / 2)
        .append(") rotate(-90)\" text-anchor=\"middle\">").append(Html.escape(yLabel + (yLog ? ", log scale" : "")))
        .append("</text>\n");
    if (!any) {
      sb.append("<text class=\"nodata\" x=\"").append(LEFT + (int) pw / 2).append("\" y=\"").append(top + (int) ph / 2)
          .append("\" text-anchor=\"middle\">no data</text>\n");
    }
    StringBuilder points = new StringBuilder();
    for (Series s : series) {
      StringBuilder d = new StringBuilder();
      boolean pen = false;
      int drawn = 0;
      for (int i = 0; i < s.xs.length; i++) {
        double xv = s.xs[i];
        double yv = s.ys[i];
        if (!visible(xv, yv)) {
          pen = false;
          continue;
        }
        double px = LEFT + (Math.min(Math.max(xv, x0), x1) - x0) / (x1 - x0) * pw;
        double py = top + ph - y.fraction(yv) * ph;
        d.append(pen ? " L" : (d.isEmpty() ? "M" : " M")).append(f(px)).append(' ').append(f(py));
        pen = true;
        drawn++;
        points.append("<circle class=\"pt\" cx=\"").append(f(px)).append("\" cy=\"").append(f(py))
            .append("\" r=\"4\" fill=\"").append(s.color).append("\"><title>").append(Html.escape(hover(s, i)))
            .append("</title></circle>");
      }
      if (!d.isEmpty()) {
        if (drawn == 1) {
          d.append(" h2"); // a single point still shows
        }
        sb.append("<path class=\"series\" data-series=\"").append(Html.escape(s.name)).append("\" d=\"").append(d)
            .append("\" stroke=\"").append(s.color).append("\"").append(s.dashed ? " stroke-dasharray=\"6 4\"" : "")
            .append("/>\n");
      }
    }
    sb.append(points).append('\n');
    for (int r = 0; r < legend.size(); r++) {
      double lx = LEFT + 8;
      int ly = TITLE + r * LEGEND_ROW;
      for (Series s : legend.get(r)) {
        sb.append("<line x1=\"").append(f(lx)).append("\" x2=\"").append(f(lx + 16)).append("\" y1=\"").append(ly + 2)
            .append("\" y2=\"").append(ly + 2).append("\" stroke=\"").append(s.color).append("\" stroke-width=\"3\"")
            .append(s.dashed ? " stroke-dasharray=\"4 3\"" : "").append("/><text class=\"legend\" x=\"")
            .append(f(lx + 20)).append("\" y=\"").append(ly + 6).append("\">").append(Html.escape(s.name)).append("</text>");
        lx += 26 + CHAR * s.name.length();
      }
    }
    sb.append("\n</svg>\n");
    return sb.toString();
  }

  private boolean visible(double x, double y) {
    return Double.isFinite(x) && Double.isFinite(y) && (!yLog || y > 0);
  }

  private String hover(Series s, int i) {
    String x = s.labels != null ? s.labels[i] : num(s.xs[i]) + (xUnit.isEmpty() ? "" : " " + xUnit);
    return s.name + " at " + x + ": " + num(s.ys[i]) + (yUnit.isEmpty() ? "" : " " + yUnit);
  }

  /** The y axis: where a value sits (0 at the bottom, 1 at the top) and its ticks. */
  private static final class YAxis {
    final boolean log;
    final double lo;
    final double hi;
    final List<Double> ticks = new ArrayList<>();

    private YAxis(boolean log, double lo, double hi) {
      this.log = log;
      this.lo = lo;
      this.hi = hi;
    }

    static YAxis linear(double max) {
      double step = niceStep(max <= 0 ? 1 : max / 5);
      double top = Math.max(step, Math.ceil(max / step) * step);
      YAxis a = new YAxis(false, 0, top);
      for (double v = 0; v <= top + step / 2; v += step) {
        a.ticks.add(v);
      }
      return a;
    }

    /** Whole decades around [min, max], with 2 and 5 between them when there are few. */
    static YAxis log(double min, double max) {
      double lo = Math.pow(10, Math.floor(Math.log10(min)));
      double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(max, min * 1.0001))));
      if (hi <= lo) {
        hi = lo * 10;
      }
      YAxis a = new YAxis(true, lo, hi);
      boolean few = Math.log10(hi / lo) <= 3;
      for (double d = lo; d <= hi * 1.0001; d *= 10) {
        a.ticks.add(d);
        if (few && d * 2 < hi) {
          a.ticks.add(d * 2);
          a.ticks.add(d * 5);
        }
      }
      return a;
    }

    double fraction(double v) {
      if (log) {
        return (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
      }
      return v / hi;
    }
  }

  private static List<Tick> autoTicks(double x0, double x1) {
    double step = niceStep((x1 - x0) / 6);
    List<Tick> t = new ArrayList<>();
    for (double v = Math.ceil(x0 / step) * step; v <= x1 + step * 1e-9; v += step) {
      t.add(new Tick(v, num(v)));
    }
    return t;
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  static String num(double v) {
    if (Math.abs(v - Math.rint(v)) < 1e-9) {
      return Long.toString(Math.round(v));
    }
    String t = String.format(Locale.ROOT, Math.abs(v) >= 1 ? "%.1f" : "%.3g", v);
    return t.contains(".") && !t.contains("e") ? t.replaceAll("0+$", "").replaceAll("\\.$", "") : t;
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
