package dev.hotpath.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a result set into a value.
 *
 * <pre>{@code
 * RowMapper<Order> orders = rs -> new Order(rs.getLong("id"), rs.getString("status"));
 * }</pre>
 */
@FunctionalInterface
public interface RowMapper<T> {
  /** Maps the row the result set is on; must not move the cursor. */
  T map(ResultSet row) throws SQLException;
}
