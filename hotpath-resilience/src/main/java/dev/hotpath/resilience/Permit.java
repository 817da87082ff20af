package dev.hotpath.resilience;

import org.jspecify.annotations.Nullable;

/**
 * The right to make one call through a {@link PermitGuard}, for callers that cannot hand the
 * guard a lambda (a callback API, a load balancer that picks first and calls later).
 *
 * <p>Report it exactly once, with the call's elapsed time: {@link #onSuccess}, {@link #onResult},
 * {@link #onError}, or {@link #release} if the call was cancelled or never made. The first report
 * counts and frees the permit; later ones are ignored, so a permit can never be released twice.
 * A permit that is never reported leaks (a bulkhead permit stays taken; a breaker's half-open
 * trial is held until {@code maxWaitInHalfOpenState}): prefer the lambda variants, which cannot
 * forget.
 *
 * <pre>{@code
 * Permit permit = breaker.acquirePermit();          // RejectedCallException if refused
 * long start = System.nanoTime();
 * try {
 *   Response r = client.send(request);
 *   permit.onResult(System.nanoTime() - start, r);  // the guard's result predicate decides
 *   return r;
 * } catch (IOException e) {
 *   permit.onError(System.nanoTime() - start, e);   // the guard's exception predicates decide
 *   throw e;
 * }
 * }</pre>
 *
 * <p>Thread-safe: it may be reported from another thread than the one that acquired it.
 */
public interface Permit {

  /** The call succeeded after {@code elapsedNanos}. */
  void onSuccess(long elapsedNanos);

  /** The call returned {@code result} after {@code elapsedNanos}; the guard decides how it counts. */
  void onResult(long elapsedNanos, @Nullable Object result);

  /**
   * The call failed with {@code error} after {@code elapsedNanos}; the guard decides whether it is
   * a failure, a success or ignored (a {@link RejectedCallException} from an inner guard is ignored
   * by default).
   */
  void onError(long elapsedNanos, Throwable error);

  /** The call was cancelled or never made: nothing is counted, the permit is freed. */
  void release();
}
