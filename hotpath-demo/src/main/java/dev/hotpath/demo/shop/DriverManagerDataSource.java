package dev.hotpath.demo.shop;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The naive service's "pool": every {@link #getConnection()} opens a new physical connection
 * through {@code DriverManager} (TCP connect, authentication, a new server process on PostgreSQL),
 * which the caller closes at the end of the request. Thread-safe.
 */
final class DriverManagerDataSource implements DataSource {
  private final String url;
  private final @Nullable String user;
  private final @Nullable String password;

  DriverManagerDataSource(String url, @Nullable String user, @Nullable String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return ShopData.connect(url, user, password);
  }

  @Override
  public Connection getConnection(String username, String pwd) throws SQLException {
    return ShopData.connect(url, username, pwd);
  }

  @Override
  public @Nullable PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(@Nullable PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper of " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
