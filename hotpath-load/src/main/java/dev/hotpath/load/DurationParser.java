package dev.hotpath.load;

import dev.hotpath.metrics.Durations;
import java.time.Duration;

/**
 * Parses the durations of the command line and scenarios with the one grammar of {@link
 * Durations#parse}: {@code 500ms}, {@code 30s}, {@code 1m}, {@code 1m30s}, {@code 2h}, {@code 250us};
 * a bare number means seconds; a value too long to represent is rejected, not saturated.
 *
 * <p>Thread-safe: stateless.
 *
 * <pre>{@code
 * Duration d = DurationParser.parse("--duration", "1m30s");
 * }</pre>
 */
public final class DurationParser {
  private DurationParser() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming {@code setting} and the expected form
   */
  public static Duration parse(String setting, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
    }
  }

  /** {@code d} for people, as {@link #parse} reads it: {@code 30s}, {@code 1m30s}, {@code 250ms}. */
  public static String format(Duration d) {
    return Durations.format(d);
  }
}
