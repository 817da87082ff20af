package dev.hotpath.load;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations of the command line and scenarios: {@code 500ms}, {@code 30s}, {@code 1m},
 * {@code 1m30s}, {@code 2h}, {@code 250us}; a bare number means seconds.
 *
 * <p>Thread-safe: stateless.
 *
 * <pre>{@code
 * Duration d = DurationParser.parse("--duration", "1m30s");
 * }</pre>
 */
public final class DurationParser {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private DurationParser() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming {@code setting} and the expected form
   */
  public static Duration parse(String setting, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.matches("\\d+(\\.\\d+)?")) {
      return Duration.ofNanos(Math.round(Double.parseDouble(t) * 1e9));
    }
    Matcher m = PART.matcher(t);
    int pos = 0;
    double nanos = 0;
    while (pos < t.length() && m.find(pos) && m.start() == pos) {
      double v = Double.parseDouble(m.group(1));
      nanos += v * switch (m.group(2)) {
        case "ns" -> 1;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
      pos = m.end();
    }
    if (pos != t.length() || t.isEmpty()) {
      throw new IllegalArgumentException(
          setting + ": '" + text + "' is not a duration (e.g. 500ms, 30s, 1m30s, 2h)");
    }
    return Duration.ofNanos(Math.round(nanos));
  }

  /** {@code d} for people: {@code 30s}, {@code 1m30s}, {@code 250ms}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return d.isZero() ? "0s" : d.toNanos() + "ns";
    }
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    StringBuilder sb = new StringBuilder();
    if (s >= 3600) {
      sb.append(s / 3600).append('h');
      s %= 3600;
    }
    if (s >= 60) {
      sb.append(s / 60).append('m');
      s %= 60;
    }
    if (s > 0) {
      sb.append(s).append('s');
    }
    return sb.toString();
  }
}
