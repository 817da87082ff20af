package dev.hotpath.resilience;

import java.time.Duration;

/**
 * Thrown when a {@link TimeLimiter} gives up on a call that ran longer than its timeout.
 *
 * <p>Unchecked so that decorated {@code Supplier}s compose; the call itself was cancelled (if so
 * configured). Immutable and thread-safe.
 */
public final class TimeLimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String limiterName;

  /** Creates the timeout of a call by limiter {@code limiterName} after {@code timeout}. */
  public TimeLimitExceededException(String limiterName, Duration timeout) {
    super("time limiter '" + limiterName + "': call did not complete within " + timeout,
        null, false, false);
    this.limiterName = limiterName;
  }

  /** The name of the limiter that timed the call out. */
  public String limiterName() {
    return limiterName;
  }
}
