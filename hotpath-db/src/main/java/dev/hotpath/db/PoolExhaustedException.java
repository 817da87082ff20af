package dev.hotpath.db;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * {@link Pool#getConnection()} waited the whole {@link PoolConfig#connectionTimeout()} and every
 * connection stayed busy. A {@link SQLTransientConnectionException} (SQL state {@code 08001}), so
 * code that handles HikariCP's timeout still works; the message and {@link #stats()} say how busy
 * the pool was and what to do.
 */
public final class PoolExhaustedException extends SQLTransientConnectionException {
  private static final long serialVersionUID = 1L;

  private final String poolName;
  private final Duration waited;
  private final transient PoolStats stats;

  /** Creates the exception for pool {@code poolName}. */
  public PoolExhaustedException(String poolName, Duration waited, PoolStats stats) {
    super(
        "pool '" + poolName + "' exhausted: no connection free within " + dev.hotpath.metrics.Durations.toMillisSaturated(waited)
            + " ms (" + stats + "); release connections sooner (try-with-resources), shorten"
            + " transactions, or raise maxOpen toward cores x 2 + spindles of the database server",
        "08001");
    this.poolName = poolName;
    this.waited = waited;
    this.stats = stats;
  }

  /** The pool's name. */
  public String poolName() {
    return poolName;
  }

  /** How long the caller waited (the connection timeout). */
  public Duration waited() {
    return waited;
  }

  /** The pool's state when the wait ended. */
  public PoolStats stats() {
    return stats;
  }
}
