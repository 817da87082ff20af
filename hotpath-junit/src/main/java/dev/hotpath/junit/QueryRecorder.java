package dev.hotpath.junit;

import dev.hotpath.db.InspectorConfig;
import dev.hotpath.db.ParameterRedaction;
import dev.hotpath.db.QueryInspector;
import dev.hotpath.db.QueryListener;
import dev.hotpath.db.SlowQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * Collects every statement run through the DataSources it watches, for the query budgets of {@link
 * HotpathExtension}: SQL, fingerprint, execute time, bound values and the application call site.
 *
 * <p>It is a {@link QueryListener} fed by a {@link QueryInspector} whose slow-query threshold is
 * zero, so each statement arrives as a {@link SlowQuery}. Without Spring, wrap the test's DataSource
 * with {@link #wrap}; in a Spring test context the hotpath starter adds the {@link #shared()}
 * recorder to the application's own inspector, so nothing is needed. Statements are kept only
 * while a {@link Recording} is open; outside one, a statement costs a list check.
 *
 * <p>Thread-safe: statements from any thread (a server thread in a web test) land in every open
 * recording. Two tests recording at once would see each other's statements, so the query
 * annotations take the {@value #RESOURCE} resource lock under parallel execution.
 *
 * <pre>{@code
 * DataSource ds = QueryRecorder.shared().wrap(pgDataSource);   // once, in test setup
 * try (QueryRecorder.Recording r = QueryRecorder.shared().start()) {
 *   repository.findAll();
 *   assertEquals(1, r.queries().size());
 * }
 * }</pre>
 */
public final class QueryRecorder implements QueryListener {
  /** The JUnit resource lock the query annotations hold, so parallel tests do not mix statements. */
  public static final String RESOURCE = "dev.hotpath.junit.QueryRecorder";

  private static final QueryRecorder SHARED = new QueryRecorder();
  private static final int KEPT_PER_RECORDING = 10_000;

  private final List<Recording> open = new CopyOnWriteArrayList<>();

  private QueryRecorder() {}

  /** The recorder that {@link HotpathExtension} reads. */
  public static QueryRecorder shared() {
    return SHARED;
  }

  /**
   * Inspector settings that report every statement to this recorder: threshold zero, bound values
   * shown as they are (test data), N+1 left to {@link NoNPlusOne}.
   */
  public InspectorConfig inspectorConfig() {
    return InspectorConfig.builder()
        .slowQueryThreshold(Duration.ZERO)
        .parameterRedaction(ParameterRedaction.NONE)
        .listener(this)
        .build();
  }

  /** {@code target} wrapped by a new inspector with {@link #inspectorConfig()}. */
  public DataSource wrap(DataSource target) {
    return QueryInspector.create(inspectorConfig()).wrap(Objects.requireNonNull(target, "target"));
  }

  /** Starts keeping statements until the returned recording is closed. */
  public Recording start() {
    Recording r = new Recording();
    open.add(r);
    return r;
  }

  /** Whether any recording is open. */
  public boolean recording() {
    return !open.isEmpty();
  }

  /** Receives one statement (every statement, when the inspector's threshold is zero). */
  @Override
  public void onSlowQuery(SlowQuery query) {
    for (Recording r : open) {
      r.add(query);
    }
  }

  /**
   * The statements seen between {@link #start()} and {@link #close()}, in completion order. Keeps
   * the first 10,000 and counts the rest. Thread-safe.
   */
  public final class Recording implements AutoCloseable {
    private final List<SlowQuery> queries = new ArrayList<>(); // guarded by this
    private long count; // guarded by this

    private Recording() {}

    private synchronized void add(SlowQuery q) {
      count++;
      if (queries.size() < KEPT_PER_RECORDING) {
        queries.add(q);
      }
    }

    /** The statements kept so far (at most 10,000). */
    public synchronized List<SlowQuery> queries() {
      return List.copyOf(queries);
    }

    /** Every statement seen so far, including those beyond the kept ones. */
    public synchronized long count() {
      return count;
    }

    /** Stops recording; the statements stay readable. */
    @Override
    public void close() {
      open.remove(this);
    }
  }
}
