package dev.hotpath.http;

/**
 * A call made to the endpoint {@link LoadBalancer#call} chose. Throwing marks the call failed
 * (counting towards ejection and the endpoint's circuit breaker): throw for responses that mean
 * the endpoint is unwell (5xx, timeouts), return normally for the ones that do not (4xx).
 *
 * <pre>{@code
 * String body = balancer.call(base -> client.execute(new HttpGet(base.resolve("/pay")), handler));
 * }</pre>
 *
 * @param <E> the endpoint type
 * @param <T> the result type
 */
@FunctionalInterface
public interface EndpointCall<E, T> {
  /** Calls {@code endpoint}. */
  T call(E endpoint) throws Exception;
}
