package dev.hotpath.resilience;

/**
 * Thrown (or used to fail a stage) when a {@link CircuitBreaker} rejects a call because it is
 * OPEN, FORCED_OPEN, or HALF_OPEN with all trial permits taken.
 *
 * <p>A {@link RejectedCallException}: no stack trace, immutable and thread-safe.
 */
public final class CallNotPermittedException extends RejectedCallException {
  private static final long serialVersionUID = 1L;

  private final CircuitBreaker.State state;

  /** Creates the rejection of a call by breaker {@code breakerName} in {@code state}. */
  public CallNotPermittedException(String breakerName, CircuitBreaker.State state) {
    super(breakerName,
        "circuit breaker '" + breakerName + "' is " + state + " and does not permit further calls");
    this.state = state;
  }

  /** The state the breaker was in when it rejected the call. */
  public CircuitBreaker.State state() {
    return state;
  }
}
