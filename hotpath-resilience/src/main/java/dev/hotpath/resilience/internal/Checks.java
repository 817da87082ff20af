package dev.hotpath.resilience.internal;

import java.time.Duration;

/**
 * Validation for the configs' {@code build()}: each message names the setting (as {@code
 * XConfig.setting}), the allowed range and the value, e.g. {@code BulkheadConfig.maxConcurrentCalls
 * must be in [1, 1000000], was 0}. Nothing is clamped.
 */
public final class Checks {
  private Checks() {}

  /** Requires {@code min <= value <= max}. */
  public static int inRange(String setting, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          setting + " must be in [" + min + ", " + max + "], was " + value);
    }
    return value;
  }

  /** Requires {@code min <= value <= max} (and not NaN). */
  public static double inRange(String setting, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          setting + " must be in [" + min + ", " + max + "], was " + value);
    }
    return value;
  }

  /** Requires {@code min < value <= max} (and not NaN); {@code unit} follows the range. */
  public static double inHalfOpenRange(String setting, double value, double min, double max,
      String unit) {
    if (!(value > min && value <= max)) {
      throw new IllegalArgumentException(
          setting + " must be in (" + min + ", " + max + "]" + unit + ", was " + value);
    }
    return value;
  }

  /** Requires a strictly positive duration. */
  public static Duration positive(String setting, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(setting + " must be > 0, was " + value);
    }
    return value;
  }

  /** Requires a duration that is zero or positive. */
  public static Duration nonNegative(String setting, Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be >= 0, was " + value);
    }
    return value;
  }

  /** Requires {@code value >= floor}; {@code floorName} says what the floor is. */
  public static Duration atLeast(String setting, Duration value, String floorName, Duration floor) {
    if (value.compareTo(floor) < 0) {
      throw new IllegalArgumentException(
          setting + " must be >= " + floorName + " (" + floor + "), was " + value);
    }
    return value;
  }

  /** Converts to nanoseconds, saturating at {@link Long#MAX_VALUE} for very long durations. */
  public static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
