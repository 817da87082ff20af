package dev.hotpath.resilience;

/**
 * A call that one of this module's guards refused <em>before it was made</em>: an open circuit
 * breaker, a full bulkhead, an exhausted rate limiter, an adaptive limiter at its limit.
 *
 * <p>A rejection says nothing about the health of the dependency behind the guard, so by default
 * the other guards treat it that way: a {@link CircuitBreaker} does not count it as a failure
 * (see {@link CircuitBreakerConfig#recordRejectedCalls()}), an {@link AdaptiveLimiter} takes no
 * latency sample from it, and a {@link Retry} does not retry it (an open breaker will not close
 * within a backoff). Test for the one type instead of each subclass:
 *
 * <pre>{@code
 * try {
 *   return pipeline.call(() -> partner.quote(sku));
 * } catch (RejectedCallException e) {
 *   return cachedQuote(sku); // shed by guard e.guardName(), the partner was never called
 * }
 * }</pre>
 *
 * <p>A {@link TimeLimitExceededException} is not a rejection: that call was made and was too
 * slow, which is exactly what a breaker should count.
 *
 * <p>Rejections are the fast path of an outage, so they carry no stack trace; each guard reuses
 * a few preallocated instances. Immutable and thread-safe.
 */
public abstract sealed class RejectedCallException extends RuntimeException
    permits BulkheadFullException, CallNotPermittedException, LimitExceededException,
        RequestNotPermittedException {
  private static final long serialVersionUID = 1L;

  private final String guardName;

  RejectedCallException(String guardName, String message) {
    super(message, null, false, false);
    this.guardName = guardName;
  }

  /** The name of the guard that refused the call. */
  public String guardName() {
    return guardName;
  }
}
