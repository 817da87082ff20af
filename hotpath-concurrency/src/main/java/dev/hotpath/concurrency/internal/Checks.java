package dev.hotpath.concurrency.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Validation for this module's configs, run once in each {@code build()}: a bad value throws
 * {@link IllegalArgumentException} whose message names the setting, the allowed range and the
 * value, as {@code PoolConfig.maxOpen must be in [1, 10000], was 0}. Stateless.
 */
public final class Checks {
  private Checks() {}

  /** Throws unless {@code valid}: "{@code setting} must be {@code rule}, was {@code value}". */
  public static void require(boolean valid, String setting, String rule, @Nullable Object value) {
    if (!valid) {
      throw new IllegalArgumentException(setting + " must be " + rule + ", was " + value);
    }
  }

  /** Throws unless {@code min <= value <= max}. */
  public static void inRange(String setting, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(setting + " must be in [" + min + ", " + max + "], was " + value);
    }
  }

  /** Throws unless {@code min <= value <= max}. */
  public static void inRange(String setting, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(setting + " must be in [" + min + ", " + max + "], was " + value);
    }
  }
}
