package dev.hotpath.junit.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the budgets written in annotations: durations ({@code 20ms}, {@code 1.5s}, {@code 800us},
 * {@code 250µs}, {@code 2m}, {@code 500ns}) and byte sizes ({@code 512}, {@code 64KB} = 64,000,
 * {@code 64KiB} = 65,536, {@code MB}/{@code MiB}, {@code GB}/{@code GiB}). A bad value throws
 * {@link IllegalArgumentException} naming the annotation attribute and the accepted forms.
 */
public final class Quantities {
  private static final Pattern NUMBER_UNIT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Zµ]*)\\s*");

  private Quantities() {}

  /** Nanoseconds of {@code text}; {@code where} names the attribute in the error. */
  public static long nanos(String where, String text) {
    Matcher m = NUMBER_UNIT.matcher(text);
    if (m.matches()) {
      long unit =
          switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            default -> -1L;
          };
      if (unit > 0) {
        return scaled(where, text, m.group(1), unit);
      }
    }
    throw new IllegalArgumentException(
        where + " must be a duration like 20ms, 1.5s, 800us or 500ns, was '" + text + "'");
  }

  /** Bytes of {@code text}; {@code where} names the attribute in the error. */
  public static long bytes(String where, String text) {
    Matcher m = NUMBER_UNIT.matcher(text);
    if (m.matches()) {
      long unit =
          switch (m.group(2)) {
            case "", "B" -> 1L;
            case "KB", "kB" -> 1_000L;
            case "KiB" -> 1L << 10;
            case "MB" -> 1_000_000L;
            case "MiB" -> 1L << 20;
            case "GB" -> 1_000_000_000L;
            case "GiB" -> 1L << 30;
            default -> -1L;
          };
      if (unit > 0) {
        return scaled(where, text, m.group(1), unit);
      }
    }
    throw new IllegalArgumentException(
        where + " must be a size like 512, 64KB (1000s) or 64KiB (1024s), 2MB, 1GiB; was '" + text + "'");
  }

  private static long scaled(String where, String text, String number, long unit) {
    try {
      return new BigDecimal(number).multiply(BigDecimal.valueOf(unit)).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(where + " must be a whole number of ns or bytes, was '" + text + "'", e);
    }
  }

  /** Bytes for people: {@code 812 B}, {@code 12.3 KiB}, {@code 4.56 MiB}. */
  public static String formatBytes(double bytes) {
    if (bytes < 1024) {
      return String.format(Locale.ROOT, "%.0f B", bytes);
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }
    return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024));
  }
}
