package dev.hotpath.resilience;

/**
 * Thrown when an {@link AdaptiveLimiter} sheds a call because its current concurrency limit is
 * reached.
 *
 * <p>A {@link RejectedCallException}: no stack trace, immutable and thread-safe.
 */
public final class LimitExceededException extends RejectedCallException {
  private static final long serialVersionUID = 1L;

  /** Creates the rejection of a call by limiter {@code limiterName}. */
  public LimitExceededException(String limiterName) {
    super(limiterName, "adaptive limiter '" + limiterName + "' is at its concurrency limit");
  }
}
