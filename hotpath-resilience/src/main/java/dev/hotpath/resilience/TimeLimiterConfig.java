package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.positive;

import java.time.Duration;

/**
 * Immutable, validated settings of a {@link TimeLimiter}.
 *
 * <pre>{@code
 * TimeLimiterConfig config = new TimeLimiterConfig(Duration.ofMillis(800), true);
 * }</pre>
 *
 * @param timeout how long a call may run, > 0
 * @param cancelRunningCall whether a timed-out call is cancelled (its thread interrupted)
 */
public record TimeLimiterConfig(Duration timeout, boolean cancelRunningCall) {

  private static final TimeLimiterConfig DEFAULTS = new TimeLimiterConfig(Duration.ofSeconds(1), true);

  /** Validates every setting. */
  public TimeLimiterConfig {
    positive("timeout", timeout);
  }

  /** Defaults: 1 s, cancel the running call. */
  public static TimeLimiterConfig ofDefaults() {
    return DEFAULTS;
  }

  /** The given timeout, cancelling the running call. */
  public static TimeLimiterConfig of(Duration timeout) {
    return new TimeLimiterConfig(timeout, true);
  }
}
