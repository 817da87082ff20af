package dev.hotpath.demo.internal;

import java.util.Locale;

/** Numbers for people: durations from nanoseconds, rates, byte sizes and ratios, each in a few characters. */
final class Fmt {
  private Fmt() {}

  static String nanos(long ns) {
    if (ns <= 0) {
      return "-";
    }
    double ms = ns / 1e6;
    if (ms >= 1000) {
      return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
    if (ms >= 100) {
      return String.format(Locale.ROOT, "%.0f ms", ms);
    }
    if (ms >= 10) {
      return String.format(Locale.ROOT, "%.1f ms", ms);
    }
    return String.format(Locale.ROOT, "%.2f ms", ms);
  }

  static String rate(double perSecond) {
    return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f", perSecond)
        : String.format(Locale.ROOT, "%.1f", perSecond);
  }

  static String bytes(double b) {
    if (b >= 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", b / 1024 / 1024);
    }
    if (b >= 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", b / 1024);
    }
    return String.format(Locale.ROOT, "%.0f B", b);
  }

  static String num(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  /** {@code 12.3×}, or {@code -} when either side is missing. */
  static String times(double ratio) {
    if (!Double.isFinite(ratio) || ratio <= 0) {
      return "-";
    }
    return ratio >= 10 ? String.format(Locale.ROOT, "%.0f×", ratio) : String.format(Locale.ROOT, "%.1f×", ratio);
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }
}
