package dev.hotpath.http.internal;

import java.time.Duration;
import java.util.Objects;

/** Validation shared by the configs: a bad value names the setting, the value and the allowed range. */
public final class Checks {
  private Checks() {}

  /** Throws unless {@code min <= value <= max}. */
  public static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
    }
  }

  /** Throws unless {@code value} is present and {@code min <= value <= max}. */
  public static void requireDuration(String name, Duration value, Duration min, Duration max) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
    }
  }
}
