package dev.hotpath.db.internal;

import dev.hotpath.metrics.Ticker;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** What the JDBC proxies report to; implemented by the query inspector. */
public interface StatementObserver {
  /** The clock that times statements. */
  Ticker ticker();

  /** The (cached) fingerprint of {@code sql}. */
  String fingerprint(String sql);

  /**
   * One execute call finished after {@code nanos}; {@code rows} is the update count, or -1 when a
   * result set's rows will be reported by {@link #rowsRead}. May throw (strict N+1 mode) after
   * closing {@code result}.
   */
  void executed(
      String sql,
      String fingerprint,
      long nanos,
      long rows,
      @Nullable Object[] params,
      int paramCount,
      @Nullable AutoCloseable result)
      throws SQLException;

  /** A result set of {@code fingerprint} was read to its end or closed after {@code rows} rows. */
  void rowsRead(String fingerprint, long rows);
}
