package dev.hotpath.metrics;

import java.util.Locale;

/**
 * Formats nanoseconds for people: {@code 850ns}, {@code 12.3µs}, {@code 4.56ms}, {@code 1.20s}.
 * Stateless and thread-safe.
 */
public final class Durations {
  private Durations() {}

  /** Formats {@code nanos} with three significant digits and the largest unit that keeps it >= 1. */
  public static String format(long nanos) {
    double v = nanos;
    if (Math.abs(v) < 1_000) {
      return nanos + "ns";
    }
    if (Math.abs(v) < 1_000_000) {
      return fmt(v / 1e3) + "µs";
    }
    if (Math.abs(v) < 1_000_000_000) {
      return fmt(v / 1e6) + "ms";
    }
    return fmt(v / 1e9) + "s";
  }

  /** Formats {@code nanos} in milliseconds with two decimals, e.g. {@code 12.34}. */
  public static String millis(double nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  private static String fmt(double v) {
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
  }
}
