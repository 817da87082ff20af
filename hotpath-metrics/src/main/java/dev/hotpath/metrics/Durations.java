package dev.hotpath.metrics;

import java.time.Duration;
import java.util.Locale;

/**
 * Formats nanoseconds for people ({@code 850ns}, {@code 12.3µs}, {@code 4.56ms}, {@code 1.20s}) and
 * turns {@link Duration}s into the {@code long}s that timed waits take without overflowing: {@code
 * ChronoUnit.FOREVER} or {@code Duration.ofSeconds(Long.MAX_VALUE)} become {@code Long.MAX_VALUE},
 * which every JDK timed wait treats as "no bound" (deadlines computed as {@code now + nanos} wrap,
 * and {@code deadline - now} stays right). Stateless and thread-safe.
 *
 * <pre>{@code
 * latch.await(Durations.toNanosSaturated(timeout), TimeUnit.NANOSECONDS); // FOREVER waits forever
 * }</pre>
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

  /**
   * {@code duration} in nanoseconds, or {@code Long.MAX_VALUE} ({@code Long.MIN_VALUE}) where that
   * overflows: never an {@link ArithmeticException}.
   */
  public static long toNanosSaturated(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException overflow) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * {@code duration} in milliseconds, or {@code Long.MAX_VALUE} ({@code Long.MIN_VALUE}) where that
   * overflows: never an {@link ArithmeticException}.
   */
  public static long toMillisSaturated(Duration duration) {
    try {
      return duration.toMillis();
    } catch (ArithmeticException overflow) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static String fmt(double v) {
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
  }
}
