package dev.hotpath.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A HikariCP pool built by {@link Pools#create(PoolConfig)}: a {@link DataSource} whose {@link
 * #getConnection()} either returns a connection within {@link PoolConfig#connectionTimeout()} or
 * throws {@link PoolExhaustedException} — it never hangs.
 *
 * <p>Thread-safe. Close it on shutdown: closing waits for borrowed connections to be returned.
 *
 * <pre>{@code
 * try (Pool pool = Pools.create(PoolConfig.ofDefaults(url));
 *     Connection c = pool.getConnection()) {
 *   ...
 * }
 * }</pre>
 */
public final class Pool implements DataSource, AutoCloseable {
  private final HikariDataSource hikari;
  private final PoolConfig config;

  Pool(HikariDataSource hikari, PoolConfig config) {
    this.hikari = hikari;
    this.config = config;
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
            new PoolExhaustedException(config.poolName(), config.connectionTimeout(), stats());
        ex.addSuppressed(e);
        throw ex;
      }
      throw e;
    }
  }

  /** Not supported: a pool's connections all use the configured credentials. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("a pool uses the credentials of its PoolConfig");
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
  public PrintWriter getLogWriter() throws SQLException {
    return hikari.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    hikari.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    hikari.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return hikari.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return hikari.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return hikari.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || hikari.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "Pool[" + config.poolName() + " " + stats() + "]";
  }
}
