package dev.hotpath.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases whose plans {@link ExplainAdvisor} reads. */
public enum Dialect {
  /** {@code EXPLAIN (FORMAT JSON)}. */
  POSTGRESQL,
  /** {@code EXPLAIN FORMAT=JSON} (MariaDB and MySQL). */
  MARIADB,
  /** H2's {@code EXPLAIN} text. */
  H2;

  /**
   * The dialect of {@code connection}'s database.
   *
   * @throws SQLException for a database none of these is
   */
  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("mariadb") || product.contains("mysql")) {
      return MARIADB;
    }
    if (product.contains("h2")) {
      return H2;
    }
    throw new SQLException("EXPLAIN advice supports PostgreSQL, MariaDB/MySQL and H2, not " + product);
  }
}
