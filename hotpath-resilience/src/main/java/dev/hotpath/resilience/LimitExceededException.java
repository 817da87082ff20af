package dev.hotpath.resilience;

/**
 * Thrown when an {@link AdaptiveLimiter} sheds a call because its current concurrency limit is
 * reached.
 *
 * <p>Carries no stack trace (load shedding must be cheap). Immutable and thread-safe.
 */
public final class LimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String limiterName;

  /** Creates the rejection of a call by limiter {@code limiterName}. */
  public LimitExceededException(String limiterName) {
    super("adaptive limiter '" + limiterName + "' is at its concurrency limit", null, false, false);
    this.limiterName = limiterName;
  }

  /** The name of the limiter that shed the call. */
  public String limiterName() {
    return limiterName;
  }
}
