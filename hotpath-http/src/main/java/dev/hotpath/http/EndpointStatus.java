package dev.hotpath.http;

import dev.hotpath.resilience.CircuitBreaker;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one endpoint of a {@link LoadBalancer}, for dashboards and tests. Immutable.
 *
 * <pre>{@code
 * balancer.status().forEach(s -> log.info(s.endpoint() + " " + s.availability() + " " + s.latencyEwmaNanos()));
 * }</pre>
 *
 * @param endpoint the endpoint
 * @param availability whether it takes calls now, and if not, why
 * @param outstanding calls in flight
 * @param latencyEwmaNanos the decayed peak EWMA of its latency, 0 before the first observation
 * @param consecutiveFailures failures since its last success
 * @param ejections how many times it was ejected since creation
 * @param selected how many calls it was given since creation
 * @param breakerState its circuit breaker's state, or {@code null} without breakers
 * @param <E> the endpoint type
 */
public record EndpointStatus<E>(
    E endpoint,
    Availability availability,
    int outstanding,
    double latencyEwmaNanos,
    int consecutiveFailures,
    long ejections,
    long selected,
    CircuitBreaker.@Nullable State breakerState) {

  /** Whether an endpoint takes calls. */
  public enum Availability {
    /** Takes calls (its breaker, if any, still has the last word). */
    AVAILABLE,
    /** Ejected by passive outlier detection until its ejection time has passed. */
    EJECTED,
    /** Marked down by its active health check. */
    UNHEALTHY
  }
}
