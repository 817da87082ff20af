package dev.hotpath.http;

import dev.hotpath.resilience.CircuitBreaker;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one endpoint of a {@link LoadBalancer}, for dashboards and tests. Immutable; built
 * by the balancer (new figures may be added without breaking callers).
 *
 * <pre>{@code
 * balancer.status().forEach(s -> log.info(s.endpoint() + " " + s.availability() + " " + s.latencyEwmaNanos()));
 * }</pre>
 *
 * @param <E> the endpoint type
 */
public final class EndpointStatus<E> {
  private final E endpoint;
  private final Availability availability;
  private final int outstanding;
  private final double latencyEwmaNanos;
  private final int consecutiveFailures;
  private final long ejections;
  private final long selected;
  private final CircuitBreaker.@Nullable State breakerState;

  EndpointStatus(E endpoint, Availability availability, int outstanding, double latencyEwmaNanos, int consecutiveFailures, long ejections, long selected, CircuitBreaker.@Nullable State breakerState) {
    this.endpoint = endpoint;
    this.availability = availability;
    this.outstanding = outstanding;
    this.latencyEwmaNanos = latencyEwmaNanos;
    this.consecutiveFailures = consecutiveFailures;
    this.ejections = ejections;
    this.selected = selected;
    this.breakerState = breakerState;
  }

  /** The endpoint. */
  public E endpoint() {
    return endpoint;
  }

  /** Whether it takes calls now, and if not, why. */
  public Availability availability() {
    return availability;
  }

  /** Calls in flight. */
  public int outstanding() {
    return outstanding;
  }

  /** The decayed peak EWMA of its latency, 0 before the first observation. */
  public double latencyEwmaNanos() {
    return latencyEwmaNanos;
  }

  /** Failures since its last success. */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** How many times it was ejected since creation. */
  public long ejections() {
    return ejections;
  }

  /** How many calls it was given since creation. */
  public long selected() {
    return selected;
  }

  /** Its circuit breaker's state; empty when the balancer has no breakers. */
  public Optional<CircuitBreaker.State> breakerState() {
    return Optional.ofNullable(breakerState);
  }

  /** Whether an endpoint takes calls. */
  public enum Availability {
    /** Takes calls (its breaker, if any, still has the last word). */
    AVAILABLE,
    /** Ejected by passive outlier detection until its ejection time has passed. */
    EJECTED,
    /** Marked down by its active health check. */
    UNHEALTHY
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof EndpointStatus<?> o)) {
      return false;
    }
    return Objects.equals(endpoint, o.endpoint)
        && Objects.equals(availability, o.availability)
        && outstanding == o.outstanding
        && Double.compare(latencyEwmaNanos, o.latencyEwmaNanos) == 0
        && consecutiveFailures == o.consecutiveFailures
        && ejections == o.ejections
        && selected == o.selected
        && Objects.equals(breakerState, o.breakerState);
  }

  @Override
  public int hashCode() {
    return Objects.hash(endpoint, availability, outstanding, latencyEwmaNanos, consecutiveFailures, ejections, selected, breakerState);
  }

  @Override
  public String toString() {
    return "EndpointStatus["
        + "endpoint=" + endpoint
        + ", availability=" + availability
        + ", outstanding=" + outstanding
        + ", latencyEwmaNanos=" + latencyEwmaNanos
        + ", consecutiveFailures=" + consecutiveFailures
        + ", ejections=" + ejections
        + ", selected=" + selected
        + ", breakerState=" + breakerState
        + "]";
  }
}
