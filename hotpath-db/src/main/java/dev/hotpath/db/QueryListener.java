package dev.hotpath.db;

import java.lang.System.Logger.Level;

/**
 * Receives what the {@link QueryInspector} notices. Called on the thread that ran the statement,
 * right after it returned, so implementations must be fast and thread-safe.
 *
 * <pre>{@code
 * QueryListener listener = new QueryListener() {
 *   public void onSlowQuery(SlowQuery q) { slowLog.add(q); }
 * };
 * }</pre>
 */
public interface QueryListener {
  /** A statement took at least the slow-query threshold. */
  default void onSlowQuery(SlowQuery query) {}

  /** A fingerprint reached the N+1 threshold within a scope (reported once per scope). */
  default void onNPlusOne(NPlusOne detection) {}

  /** Logs both through {@link System.Logger} {@code dev.hotpath.db.QueryInspector} at WARNING. */
  static QueryListener logging() {
    return LoggingListener.INSTANCE;
  }

  /** Ignores everything. */
  static QueryListener none() {
    return new QueryListener() {};
  }
}

enum LoggingListener implements QueryListener {
  INSTANCE;

  private static final System.Logger LOG = System.getLogger("dev.hotpath.db.QueryInspector");

  @Override
  public void onSlowQuery(SlowQuery query) {
    LOG.log(Level.WARNING, query::toString);
  }

  @Override
  public void onNPlusOne(NPlusOne detection) {
    LOG.log(Level.WARNING, detection::toString);
  }
}
