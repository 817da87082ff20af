package dev.hotpath.metrics;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The one wording of a bad setting across hotpath's modules: every {@code XConfig.Builder.build()}
 * validates through these checks, which throw {@link IllegalArgumentException} naming the setting,
 * the allowed range and the value, as {@code PoolConfig.maxOpen must be in [1, 10000], was 0}
 * (CONTRIBUTING.md, "Configuration"). Shared by the modules rather than meant for applications.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * ConfigChecks.inRange("WorkerPoolConfig.workers", workers, 1, 10_000);
 * ConfigChecks.require(timeout.isPositive(), "WorkerPoolConfig.blockTimeout", "positive", timeout);
 * }</pre>
 */
public final class ConfigChecks {
  private ConfigChecks() {}

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
