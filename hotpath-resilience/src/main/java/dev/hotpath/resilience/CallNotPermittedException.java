package dev.hotpath.resilience;

/**
 * Thrown (or used to fail a stage) when a {@link CircuitBreaker} rejects a call because it is
 * OPEN, FORCED_OPEN, or HALF_OPEN with all trial permits taken.
 *
 * <p>Rejection is the fast path of an outage, so this exception carries no stack trace: creating
 * it costs about as much as any small object. Immutable and thread-safe.
 */
public final class CallNotPermittedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String breakerName;
  private final CircuitBreaker.State state;

  /** Creates the rejection of a call by breaker {@code breakerName} in {@code state}. */
  public CallNotPermittedException(String breakerName, CircuitBreaker.State state) {
    super("circuit breaker '" + breakerName + "' is " + state + " and does not permit further calls",
        null, false, false);
    this.breakerName = breakerName;
    this.state = state;
  }

  /** The name of the breaker that rejected the call. */
  public String breakerName() {
    return breakerName;
  }

  /** The state the breaker was in when it rejected the call. */
  public CircuitBreaker.State state() {
    return state;
  }
}
