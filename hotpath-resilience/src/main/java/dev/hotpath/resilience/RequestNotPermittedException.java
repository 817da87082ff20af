package dev.hotpath.resilience;

/**
 * Thrown when a {@link RateLimiter} has no permit for a call within its maximum wait.
 *
 * <p>Carries no stack trace (rejection is a fast path under load). Immutable and thread-safe.
 */
public final class RequestNotPermittedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String limiterName;

  /** Creates the rejection of a call by rate limiter {@code limiterName}, with a reason. */
  public RequestNotPermittedException(String limiterName, String reason) {
    super("rate limiter '" + limiterName + "' does not permit further calls: " + reason,
        null, false, false);
    this.limiterName = limiterName;
  }

  /** The name of the limiter that rejected the call. */
  public String limiterName() {
    return limiterName;
  }
}
