package dev.hotpath.spring.internal;

import dev.hotpath.db.NPlusOne;
import dev.hotpath.db.QueryListener;
import dev.hotpath.db.SlowQuery;
import java.time.Duration;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The application inspector's listener: logs slow queries and N+1 detections through Spring's
 * logging (logger {@code dev.hotpath.db.QueryInspector}), passes them to the application's own
 * {@link QueryListener} beans, and passes every statement to the listeners that want them all (the
 * JUnit extension's recorder in tests, for which the inspector's own threshold is then zero and the
 * slow-query threshold is applied here).
 */
public final class StarterQueryListener implements QueryListener {
  private static final Log LOG = LogFactory.getLog("dev.hotpath.db.QueryInspector");

  private final long slowNanos;
  private final List<QueryListener> slowListeners;
  private final List<QueryListener> everyStatementListeners;

  /** Logs statements of at least {@code slowThreshold}; see the class comment for the two lists. */
  public StarterQueryListener(
      Duration slowThreshold, List<QueryListener> slowListeners, List<QueryListener> everyStatementListeners) {
    this.slowNanos = slowThreshold.toNanos();
    this.slowListeners = List.copyOf(slowListeners);
    this.everyStatementListeners = List.copyOf(everyStatementListeners);
  }

  @Override
  public void onSlowQuery(SlowQuery query) {
    for (QueryListener l : everyStatementListeners) {
      l.onSlowQuery(query);
    }
    if (query.elapsedNanos() >= slowNanos) {
      if (LOG.isWarnEnabled()) {
        LOG.warn(query);
      }
      for (QueryListener l : slowListeners) {
        l.onSlowQuery(query);
      }
    }
  }

  @Override
  public void onNPlusOne(NPlusOne detection) {
    if (LOG.isWarnEnabled()) {
      LOG.warn(detection);
    }
    for (QueryListener l : slowListeners) {
      l.onNPlusOne(detection);
    }
    for (QueryListener l : everyStatementListeners) {
      l.onNPlusOne(detection);
    }
  }
}
