package dev.hotpath.http;

/**
 * An active health check of one endpoint, run by {@link LoadBalancer} every {@link
 * LoadBalancerConfig#healthCheckInterval()}. Returning false or throwing counts as a failed check.
 * Implementations must be thread-safe and should bound their own time (a check that hangs delays
 * the round).
 *
 * <pre>{@code
 * HealthCheck<URI> check = base -> client.execute(new HttpGet(base.resolve("/health")),
 *     response -> response.getCode() == 200);
 * }</pre>
 *
 * @param <E> the endpoint type
 */
@FunctionalInterface
public interface HealthCheck<E> {
  /** Whether {@code endpoint} is fit to take traffic. */
  boolean isHealthy(E endpoint) throws Exception;
}
