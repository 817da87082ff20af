package dev.hotpath.load.internal.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart drawn as inline SVG (no script, no network): axes with ticks, grid, one path per
 * series, a legend. X values are given already transformed (e.g. the percentile axis); the x ticks
 * may be supplied with their labels. The y axis is linear from 0 to a round maximum.
 */
public final class SvgChart {
  /** One line: points (xs[i], ys[i]); NaN values break nothing, they are skipped. */
  public static final class Series {
    private final String name;
    private final String color;
    private final double[] xs;
    private final double[] ys;
    private final boolean dashed;

    public Series(String name, String color, double[] xs, double[] ys, boolean dashed) {
      if (xs.length != ys.length) {
        throw new IllegalArgumentException("xs and ys differ in length: " + xs.length + " vs " + ys.length);
      }
      this.name = name;
      this.color = color;
      this.xs = xs.clone();
      this.ys = ys.clone();
      this.dashed = dashed;
    }

    String name() {
      return name;
    }

    String color() {
      return color;
    }

    double[] xs() {
      return xs;
    }

    double[] ys() {
      return ys;
    }

    boolean dashed() {
      return dashed;
    }
  }

  /** An x tick at {@code value} labelled {@code label}. */
  public record Tick(double value, String label) {}

  private static final int W = 640;
  private static final int H = 300;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 28;
  private static final int BOTTOM = 44;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private List<Tick> xTicks = List.of();
  private double xMin = Double.NaN;
  private double xMax = Double.NaN;

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

  public String render() {
    double x0 = xMin;
    double x1 = xMax;
    double yMax = 0;
    boolean any = false;
    double dataXMin = Double.POSITIVE_INFINITY;
    double dataXMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.xs().length; i++) {
        if (Double.isFinite(s.xs()[i]) && Double.isFinite(s.ys()[i])) {
          any = true;
          yMax = Math.max(yMax, s.ys()[i]);
          dataXMin = Math.min(dataXMin, s.xs()[i]);
          dataXMax = Math.max(dataXMax, s.xs()[i]);
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
    double yStep = niceStep(yMax <= 0 ? 1 : yMax / 5);
    double yTop = Math.max(yStep, Math.ceil(yMax / yStep) * yStep);
    double pw = W - LEFT - RIGHT;
    double ph = H - TOP - BOTTOM;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ').append(H)
        .append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n");
    sb.append("<text class=\"title\" x=\"").append(LEFT).append("\" y=\"18\">").append(Html.escape(title)).append("</text>\n");
    // y grid and ticks
    for (double v = 0; v <= yTop + yStep / 2; v += yStep) {
      double y = TOP + ph - v / yTop * ph;
      sb.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"")
          .append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>");
      sb.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4))
          .append("\" text-anchor=\"end\">").append(num(v)).append("</text>\n");
    }
    // x ticks
    List<Tick> ticks = xTicks.isEmpty() ? autoTicks(x0, x1) : xTicks;
    for (Tick t : ticks) {
      if (t.value() < x0 - 1e-9 || t.value() > x1 + 1e-9) {
        continue;
      }
      double x = LEFT + (t.value() - x0) / (x1 - x0) * pw;
      sb.append("<line class=\"grid\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(TOP)
          .append("\" y2=\"").append(TOP + (int) ph).append("\"/>");
      sb.append("<text class=\"tick\" x=\"").append(f(x)).append("\" y=\"").append(TOP + (int) ph + 16)
          .append("\" text-anchor=\"middle\">").append(Html.escape(t.label())).append("</text>\n");
    }
    sb.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"")
        .append(TOP + (int) ph).append("\" y2=\"").append(TOP + (int) ph).append("\"/>");
    sb.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
        .append("\" y2=\"").append(TOP + (int) ph).append("\"/>\n");
    sb.append("<text class=\"label\" x=\"").append(LEFT + (int) pw / 2).append("\" y=\"").append(H - 6)
        .append("\" text-anchor=\"middle\">").append(Html.escape(xLabel)).append("</text>");
    sb.append("<text class=\"label\" transform=\"translate(14,").append(TOP + (int) ph / 2)
        .append(") rotate(-90)\" text-anchor=\"middle\">").append(Html.escape(yLabel)).append("</text>\n");
    if (!any) {
      sb.append("<text class=\"nodata\" x=\"").append(LEFT + (int) pw / 2).append("\" y=\"").append(TOP + (int) ph / 2)
          .append("\" text-anchor=\"middle\">no data</text>\n");
    }
    int legendX = LEFT + 8;
    for (Series s : series) {
      StringBuilder d = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < s.xs().length; i++) {
        double xv = s.xs()[i];
        double yv = s.ys()[i];
        if (!Double.isFinite(xv) || !Double.isFinite(yv)) {
          pen = false;
          continue;
        }
        double x = LEFT + (Math.min(Math.max(xv, x0), x1) - x0) / (x1 - x0) * pw;
        double y = TOP + ph - yv / yTop * ph;
        d.append(pen ? " L" : (d.isEmpty() ? "M" : " M")).append(f(x)).append(' ').append(f(y));
        pen = true;
      }
      if (!d.isEmpty()) {
        if (s.xs().length == 1) {
          d.append(" h2"); // a single point still shows
        }
        sb.append("<path class=\"series\" data-series=\"").append(Html.escape(s.name())).append("\" d=\"").append(d)
            .append("\" stroke=\"").append(s.color()).append("\"").append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "")
            .append("/>\n");
      }
      sb.append("<rect x=\"").append(legendX).append("\" y=\"").append(TOP + 6).append("\" width=\"12\" height=\"3\" fill=\"")
          .append(s.color()).append("\"/><text class=\"legend\" x=\"").append(legendX + 16).append("\" y=\"")
          .append(TOP + 11).append("\">").append(Html.escape(s.name())).append("</text>");
      legendX += 28 + 7 * s.name().length();
    }
    sb.append("\n</svg>\n");
    return sb.toString();
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
    return String.format(Locale.ROOT, Math.abs(v) >= 1 ? "%.1f" : "%.3g", v);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
