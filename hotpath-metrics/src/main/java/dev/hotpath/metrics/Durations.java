package dev.hotpath.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of hotpath (command-line flags, thresholds, scenario files), formats
 * nanoseconds for people ({@code 850ns}, {@code 12.3µs}, {@code 4.56ms}, {@code 1.20s}) and
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
  /** What {@link #parse} accepts, for messages. */
  public static final String EXAMPLES = "e.g. 250ms, 30s, 1m30s, 2h";

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|min|m|h|d)");
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  private Durations() {}

  /**
   * Parses a duration: one or more {@code <number><unit>} parts ({@code 500ms}, {@code 30s}, {@code
   * 1m30s}, {@code 1.5h}, {@code 250us}); units {@code ns}, {@code us}/{@code µs}, {@code ms},
   * {@code s}, {@code m}/{@code min}, {@code h}, {@code d}. A bare number means seconds. Exact
   * (decimal arithmetic, no rounding through {@code double} beyond the nanosecond).
   *
   * @throws IllegalArgumentException with a message for people: {@code '3x' is not a duration (e.g.
   *     250ms, 30s, 1m30s, 2h)}, or that the value is too long to represent (over about 292 years)
   */
  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.matches("\\d+(\\.\\d+)?")) {
      t = t + "s";
    }
    Matcher m = PART.matcher(t);
    int pos = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (pos < t.length() && m.find(pos) && m.start() == pos) {
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m", "min" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> 86_400_000_000_000L;
      };
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
      pos = m.end();
    }
    if (pos != t.length() || t.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (" + EXAMPLES + ")");
    }
    if (nanos.compareTo(MAX_NANOS) > 0) {
      throw new IllegalArgumentException("'" + text + "' is too long (at most "
          + Long.MAX_VALUE / 86_400_000_000_000L + " days)");
    }
    return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
  }

  /**
   * {@code d} as {@link #parse} reads it, in the largest exact units: {@code 30s}, {@code 1m30s},
   * {@code 250ms}, {@code 2h}, {@code 0s} (never ISO-8601's {@code PT30S}).
   */
  public static String format(Duration d) {
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    if (d.isZero()) {
      return "0s";
    }
    long s = d.getSeconds();
    int n = d.getNano();
    if (n != 0) {
      if (n % 1_000_000 == 0 && s < 1_000_000) {
        return (s * 1000 + n / 1_000_000) + "ms";
      }
      if (s == 0) {
        return n % 1000 == 0 ? n / 1000 + "us" : n + "ns";
      }
      return BigDecimal.valueOf(s).add(BigDecimal.valueOf(n, 9)).stripTrailingZeros().toPlainString() + "s";
    }
    StringBuilder sb = new StringBuilder();
    long[] units = {3_600, 60, 1};
    String[] names = {"h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (s >= units[i]) {
        sb.append(s / units[i]).append(names[i]);
        s %= units[i];
      }
    }
    return sb.toString();
  }

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
