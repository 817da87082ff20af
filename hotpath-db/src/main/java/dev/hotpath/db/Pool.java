package dev.hotpath.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;

/**
 * A HikariCP pool built by {@link Pools#create(String, PoolConfig)}: a {@link DataSource} whose {@link
 * #getConnection()} either returns a connection within {@link PoolConfig#connectionTimeout()} or
 * throws {@link PoolExhaustedException} — it never hangs.
 *
 * <p>Thread-safe. Close it on shutdown: closing waits for borrowed connections to be returned.
 *
 * <pre>{@code
 * try (Pool pool = Pools.create("shop", PoolConfig.ofDefaults(url));
 *     Connection c = pool.getConnection()) {
 *   ...
 * }
 * }</pre>
 */
public final class Pool extends ForwardingDataSource implements AutoCloseable {
  private final String name;
  private final HikariDataSource hikari;
  private final PoolConfig config;

  Pool(String name, HikariDataSource hikari, PoolConfig config) {
    this.name = name;
    this.hikari = hikari;
    this.config = config;
  }

  /** The name given to {@link Pools#create(String, PoolConfig)}. */
  public String name() {
    return name;
  }

  /** The settings this pool was built from. */
  public PoolConfig config() {
    return config;
  }

  /** Active, idle, pending and total connections right now. */
  public PoolStats stats() {
    HikariPoolMXBean mx = hikari.getHikariPoolMXBean();
    if (mx == null) {
      return new PoolStats(0, 0, 0, 0, config.maxOpen());
    }
    return new PoolStats(
        mx.getActiveConnections(),
        mx.getIdleConnections(),
        mx.getThreadsAwaitingConnection(),
        mx.getTotalConnections(),
        config.maxOpen());
  }

  /**
   * Borrows a connection, waiting at most {@link PoolConfig#connectionTimeout()}.
   *
   * @throws PoolExhaustedException when every connection stayed busy for the whole timeout
   * @throws SQLException when the database cannot be reached (the driver's error is the cause)
   */
  @Override
  public Connection getConnection() throws SQLException {
    try {
      return hikari.getConnection();
    } catch (SQLTransientConnectionException e) {
      // HikariCP attaches the last connection failure as the cause when the database is
      // unreachable; without one, the wait ran out because every connection was busy.
      if (e.getCause() == null && !hikari.isClosed()) {
        PoolExhaustedException ex =
            new PoolExhaustedException(name, config.connectionTimeout(), stats());
        ex.addSuppressed(e);
        throw ex;
      }
      throw e;
    }
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    return hikari.isClosed();
  }

  /** Closes every connection and stops the pool's housekeeping. */
  @Override
  public void close() {
    hikari.close();
  }

  @Override
  DataSource delegate() {
    return hikari;
  }

  @Override
  public String toString() {
    return "Pool[" + name + " " + stats() + "]";
  }
}
