package dev.hotpath.http;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a connection pool, over all routes or for one.
 *
 * <p>{@code leased} connections are carrying a request, {@code available} ones sit idle in the
 * pool ready for reuse, {@code pending} requests wait for a connection, and {@code max} is the
 * limit. A pool with {@code pending > 0} and {@code leased == max} is saturated: raise the limit,
 * or find out why requests hold connections so long. Immutable; built by {@link PooledHttpClient}
 * (new figures may be added without breaking callers).
 *
 * <pre>{@code
 * ConnectionPoolStats s = client.stats();
 * gauge("http.pool.leased", s.leased());
 * }</pre>
 */
public final class ConnectionPoolStats implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int leased;
  private final int pending;
  private final int available;
  private final int max;

  ConnectionPoolStats(int leased, int pending, int available, int max) {
    this.leased = leased;
    this.pending = pending;
    this.available = available;
    this.max = max;
  }

  /** Connections in use. */
  public int leased() {
    return leased;
  }

  /** Requests waiting for a connection. */
  public int pending() {
    return pending;
  }

  /** Idle connections ready for reuse. */
  public int available() {
    return available;
  }

  /** The limit on connections (all routes, or the route). */
  public int max() {
    return max;
  }

  /** Whether every allowed connection is in use and more requests are waiting. */
  public boolean isSaturated() {
    return leased >= max && pending > 0;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ConnectionPoolStats o)) {
      return false;
    }
    return leased == o.leased
        && pending == o.pending
        && available == o.available
        && max == o.max;
  }

  @Override
  public int hashCode() {
    return Objects.hash(leased, pending, available, max);
  }

  @Override
  public String toString() {
    return "ConnectionPoolStats["
        + "leased=" + leased
        + ", pending=" + pending
        + ", available=" + available
        + ", max=" + max
        + "]";
  }
}
