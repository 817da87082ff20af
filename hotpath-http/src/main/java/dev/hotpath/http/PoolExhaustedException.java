package dev.hotpath.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Thrown by {@link PooledHttpClient} when no pooled connection to a route became free within the
 * lease timeout. The request was never sent, so it is always safe to retry elsewhere.
 *
 * <p>The message and the accessors carry what is needed to act: the route, the wait, and the
 * pool's state at the time. Immutable.
 *
 * <pre>{@code
 * try { client.execute(request, handler); }
 * catch (PoolExhaustedException e) { log.warn(e.getMessage()); return fallback(); }
 * }</pre>
 */
public final class PoolExhaustedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final URI route;
  private final Duration leaseTimeout;
  private final ConnectionPoolStats routeStats;
  private final ConnectionPoolStats totalStats;

  /** Creates the exception; {@code cause} is the pool's own timeout exception. */
  public PoolExhaustedException(URI route, Duration leaseTimeout, ConnectionPoolStats routeStats, ConnectionPoolStats totalStats, Throwable cause) {
    super(
        "connection pool exhausted: no connection to " + route + " became free within " + leaseTimeout
            + " (route: " + routeStats.leased() + "/" + routeStats.max() + " leased, " + routeStats.pending() + " waiting; "
            + "all routes: " + totalStats.leased() + "/" + totalStats.max() + " leased). "
            + "Raise maxConnectionsPerRoute/maxConnections or leaseTimeout, or find what holds connections (unconsumed responses?)",
        cause);
    this.route = route;
    this.leaseTimeout = leaseTimeout;
    this.routeStats = routeStats;
    this.totalStats = totalStats;
  }

  /** The target the request was for, as scheme://host:port. */
  public URI route() {
    return route;
  }

  /** How long the request waited. */
  public Duration leaseTimeout() {
    return leaseTimeout;
  }

  /** The route's pool when the wait ended. */
  public ConnectionPoolStats routeStats() {
    return routeStats;
  }

  /** The whole pool when the wait ended. */
  public ConnectionPoolStats totalStats() {
    return totalStats;
  }
}
