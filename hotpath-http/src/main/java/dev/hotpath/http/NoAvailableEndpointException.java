package dev.hotpath.http;

/**
 * Thrown by {@link LoadBalancer} when no endpoint may take a call: every one is ejected, marked
 * down by its health check, or refused by its circuit breaker. The message lists each endpoint and
 * why. No call was made. Immutable.
 *
 * <pre>{@code
 * try { balancer.call(send); } catch (NoAvailableEndpointException e) { return degraded(); }
 * }</pre>
 */
public final class NoAvailableEndpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the per-endpoint reasons in {@code message}. */
  public NoAvailableEndpointException(String message) {
    super(message);
  }
}
