package dev.hotpath.demo.internal;

import java.util.List;
import java.util.Locale;

/**
 * Pieces of hotpath's report pages ({@code HtmlReport}, the compare page) reused inside the demo's
 * one {@code index.html}: their style sheet and their body, so every section looks like the
 * reports users already know and the file stays self-contained. Plus the demo's own bar charts.
 */
public final class ReportPages {
  private ReportPages() {}

  /** The {@code <style>} element of a rendered report page (empty when it has none). */
  public static String style(String page) {
    int a = page.indexOf("<style>");
    int b = page.indexOf("</style>");
    return a < 0 || b < a ? "" : page.substring(a, b + "</style>".length());
  }

  /** A rendered report page's body content without its footer, to embed in another page. */
  public static String body(String page) {
    int a = page.indexOf("<body>");
    int b = page.lastIndexOf("<footer>");
    if (b < 0) {
      b = page.lastIndexOf("</body>");
    }
    return a < 0 || b < a ? page : page.substring(a + "<body>".length(), b);
  }

  /** Escapes text for HTML content and attribute values. */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** One labelled bar. */
  public record Bar(String label, double value, String text) {}

  /** A horizontal bar chart as inline SVG (linear scale; each bar carries its value as text). */
  public static String bars(String title, List<Bar> bars) {
    int rowH = 24;
    int left = 130;
    int width = 640;
    int plot = width - left - 110;
    int height = 34 + rowH * bars.size() + 8;
    double max = bars.stream().mapToDouble(Bar::value).filter(Double::isFinite).max().orElse(1);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\" "
        + "role=\"img\"><text class=\"title\" x=\"8\" y=\"18\">%s</text>", width, height, escape(title)));
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double w = max <= 0 || !Double.isFinite(b.value()) ? 0 : Math.max(1, b.value() / max * plot);
      int y = 30 + i * rowH;
      sb.append(String.format(Locale.ROOT,
          "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
              + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
              + "<text class=\"legend\" x=\"%.1f\" y=\"%d\">%s</text>",
          left - 6, y + 15, escape(b.label()), left, y + 2, w, rowH - 6, i == 0 ? "#D55E00" : "#0072B2",
          left + w + 6, y + 15, escape(b.text())));
    }
    return sb.append("</svg>\n").toString();
  }
}
