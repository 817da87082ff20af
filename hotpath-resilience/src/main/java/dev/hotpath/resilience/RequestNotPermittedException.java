package dev.hotpath.resilience;

/**
 * Thrown when a {@link RateLimiter} has no permit for a call within its maximum wait.
 *
 * <p>A {@link RejectedCallException}: no stack trace, immutable and thread-safe.
 */
public final class RequestNotPermittedException extends RejectedCallException {
  private static final long serialVersionUID = 1L;

  /** Creates the rejection of a call by rate limiter {@code limiterName}, with a reason. */
  public RequestNotPermittedException(String limiterName, String reason) {
    super(limiterName,
        "rate limiter '" + limiterName + "' does not permit further calls: " + reason);
  }
}
