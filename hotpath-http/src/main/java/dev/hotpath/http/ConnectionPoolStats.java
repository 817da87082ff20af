package dev.hotpath.http;

/**
 * A snapshot of a connection pool, over all routes or for one.
 *
 * <p>{@code leased} connections are carrying a request, {@code available} ones sit idle in the
 * pool ready for reuse, {@code pending} requests wait for a connection, and {@code max} is the
 * limit. A pool with {@code pending > 0} and {@code leased == max} is saturated: raise the limit,
 * or find out why requests hold connections so long. Immutable.
 *
 * <pre>{@code
 * ConnectionPoolStats s = client.stats();
 * gauge("http.pool.leased", s.leased());
 * }</pre>
 *
 * @param leased connections in use
 * @param pending requests waiting for a connection
 * @param available idle connections ready for reuse
 * @param max the limit on connections (all routes, or the route)
 */
public record ConnectionPoolStats(int leased, int pending, int available, int max) implements java.io.Serializable {

  /** Whether every allowed connection is in use and more requests are waiting. */
  public boolean isSaturated() {
    return leased >= max && pending > 0;
  }
}
