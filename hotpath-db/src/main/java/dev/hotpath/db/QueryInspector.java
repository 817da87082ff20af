package dev.hotpath.db;

import dev.hotpath.db.internal.InspectingProxies;
import dev.hotpath.db.internal.StatementObserver;
import dev.hotpath.metrics.Durations;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencySnapshot;
import dev.hotpath.metrics.Scope;
import dev.hotpath.metrics.Ticker;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Watches every statement run through the DataSources it {@link #wrap wraps}: keeps a digest per
 * {@link SqlFingerprint} (count, total/mean/P95/max time, rows), logs slow queries with their real
 * elapsed time and (redacted) parameters, detects N+1 patterns within a metrics {@link Scope}, and
 * adds each statement's time to the current scope as {@code db}.
 *
 * <p>The wrapping is a proxy at the DataSource level (every Connection, Statement and ResultSet it
 * hands out is a thin proxy), so it works over any pool or driver. Times are those of the JDBC
 * execute calls, measured around the driver; rows are counted as the application reads them.
 *
 * <p>Thread-safe: one inspector serves any number of threads and DataSources. Recording is
 * lock-free except for N+1 bookkeeping, which is only done inside a scope.
 *
 * <pre>{@code
 * QueryInspector inspector = QueryInspector.create(InspectorConfig.ofDefaults());
 * DataSource ds = inspector.wrap(pool);
 * try (Scope scope = Scope.open("GET /orders")) {
 *   orders.load(ds);                              // N+1 reported with its call site
 * }
 * System.out.println(inspector.digest().toText());
 * }</pre>
 */
public final class QueryInspector {
  private static final int FINGERPRINT_CACHE_LIMIT = 10_000;

  private final InspectorConfig config;
  private final long slowQueryNanos; // saturated: a huge threshold means "never slow"
  private final Map<String, FingerprintStats> stats = new ConcurrentHashMap<>();
  private final Map<String, String> fingerprints = new ConcurrentHashMap<>();
  private final Map<Scope, Map<String, ScopeCount>> scopes =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final Observer observer = new Observer();

  private QueryInspector(InspectorConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.slowQueryNanos = Durations.toNanosSaturated(config.slowQueryThreshold());
  }

  /** An inspector with {@code config}. */
  public static QueryInspector create(InspectorConfig config) {
    return new QueryInspector(config);
  }

  /** This inspector's settings. */
  public InspectorConfig config() {
    return config;
  }

  /** A DataSource that behaves like {@code target} and reports every statement to this inspector. */
  public DataSource wrap(DataSource target) {
    return InspectingProxies.dataSource(Objects.requireNonNull(target, "target"), observer);
  }

  /** A snapshot of the statistics of every fingerprint seen so far. */
  public QueryDigest digest() {
    List<QueryStats> list = new ArrayList<>(stats.size());
    stats.forEach((fp, s) -> list.add(s.snapshot(fp)));
    return new QueryDigest(list);
  }

  /** Forgets every statistic (not the per-scope N+1 counts). */
  public void reset() {
    stats.clear();
  }

  /**
   * The SELECT fingerprints run at least {@link InspectorConfig#nPlusOneThreshold()} times within
   * {@code scope} so far, with their counts and total time; empty when there is none.
   */
  public List<NPlusOne> nPlusOne(Scope scope) {
    Map<String, ScopeCount> counts = scopes.get(scope);
    if (counts == null) {
      return List.of();
    }
    List<NPlusOne> out = new ArrayList<>();
    counts.forEach(
        (fp, c) -> {
          if (c.count.get() >= config.nPlusOneThreshold()) {
            out.add(new NPlusOne(scope.name(), fp, c.count.get(), c.nanos.get(), c.callSite));
          }
        });
    return out;
  }

  private String fingerprintOf(String sql) {
    String fp = fingerprints.get(sql);
    if (fp == null) {
      if (fingerprints.size() >= FINGERPRINT_CACHE_LIMIT) {
        fingerprints.clear(); // unbounded distinct SQL (literals inlined): cache is no help anyway
      }
      fp = SqlFingerprint.of(sql);
      fingerprints.put(sql, fp);
    }
    return fp;
  }

  private FingerprintStats statsOf(String fingerprint) {
    FingerprintStats s = stats.get(fingerprint);
    if (s != null) {
      return s;
    }
    String key = stats.size() >= config.maxFingerprints() ? QueryDigest.OTHER : fingerprint;
    return stats.computeIfAbsent(key, k -> new FingerprintStats());
  }

  private static boolean isSelect(String fingerprint) {
    return fingerprint.startsWith("select") || fingerprint.startsWith("with");
  }

  private final class Observer implements StatementObserver {
    @Override
    public Ticker ticker() {
      return config.ticker();
    }

    @Override
    public String fingerprint(String sql) {
      return fingerprintOf(sql);
    }

    @Override
    public void executed(
        String sql,
        String fingerprint,
        long nanos,
        long rows,
        @Nullable Object[] params,
        int paramCount,
        @Nullable AutoCloseable result)
        throws SQLException {
      statsOf(fingerprint).record(nanos, rows);
      Scope.recordTiming("db", nanos);
      if (nanos >= slowQueryNanos) {
        List<String> rendered = new ArrayList<>(paramCount);
        for (int i = 0; i < paramCount; i++) {
          rendered.add(config.parameterRedaction().render(params[i]));
        }
        config.listener().onSlowQuery(new SlowQuery(sql, fingerprint, nanos, rendered, CallSite.find()));
      }
      Scope scope = Scope.current();
      if (scope != null && isSelect(fingerprint)) {
        countInScope(scope, fingerprint, nanos, result);
      }
    }

    private void countInScope(Scope scope, String fingerprint, long nanos, @Nullable AutoCloseable result)
        throws SQLException {
      Map<String, ScopeCount> counts = scopes.computeIfAbsent(scope, s -> new ConcurrentHashMap<>());
      ScopeCount c = counts.computeIfAbsent(fingerprint, f -> new ScopeCount());
      long n = c.count.incrementAndGet();
      long total = c.nanos.addAndGet(nanos);
      if (n >= config.nPlusOneThreshold() && c.reported.compareAndSet(false, true)) {
        c.callSite = CallSite.find();
        NPlusOne detection = new NPlusOne(scope.name(), fingerprint, n, total, c.callSite);
        config.listener().onNPlusOne(detection);
        if (config.strictNPlusOne()) {
          closeQuietly(result);
          throw new NPlusOneException(detection);
        }
      }
    }

    @Override
    public void rowsRead(String fingerprint, long rows) {
      statsOf(fingerprint).rows.add(rows);
    }
  }

  private static void closeQuietly(@Nullable AutoCloseable result) throws SQLException {
    if (result != null) {
      try {
        result.close();
      } catch (SQLException e) {
        throw e;
      } catch (Exception e) {
        throw new SQLException(e);
      }
    }
  }

  private static final class ScopeCount {
    final AtomicLong count = new AtomicLong();
    final AtomicLong nanos = new AtomicLong();
    final AtomicBoolean reported = new AtomicBoolean();
    volatile String callSite = "?";
  }

  /** One fingerprint's live statistics: exact count/total/max/rows, P95 from a histogram. */
  private static final class FingerprintStats {
    final LongAdder count = new LongAdder();
    final LongAdder nanos = new LongAdder();
    final LongAdder rows = new LongAdder();
    final LongAccumulator max = new LongAccumulator(Math::max, 0);
    final LatencyRecorder recorder = new LatencyRecorder();
    private LatencySnapshot accumulated = LatencySnapshot.empty(); // guarded by this

    void record(long elapsed, long rowCount) {
      count.increment();
      nanos.add(elapsed);
      max.accumulate(elapsed);
      recorder.record(elapsed);
      if (rowCount > 0) {
        rows.add(rowCount);
      }
    }

    synchronized QueryStats snapshot(String fingerprint) {
      accumulated = accumulated.merge(recorder.intervalSnapshot());
      return new QueryStats(
          fingerprint, count.sum(), nanos.sum(), accumulated.p95(), max.get(), rows.sum());
    }
  }

  /** Finds the first application frame below the JDBC layers. */
  static final class CallSite {
    private static final StackWalker WALKER = StackWalker.getInstance();

    private CallSite() {}

    static String find() {
      return WALKER.walk(
          frames ->
              frames
                  .filter(f -> !infrastructure(f.getClassName()))
                  .findFirst()
                  .map(f -> simpleName(f.getClassName()) + "." + f.getMethodName() + ":" + f.getLineNumber())
                  .orElse("?"));
    }

    private static boolean infrastructure(String cls) {
      return Stream.of(
              "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.hotpath.db.internal.",
              "com.zaxxer.hikari.", "org.postgresql.", "org.mariadb.", "org.h2.",
              // ORM and framework layers: the frame worth naming is the application's below them
              "org.hibernate.", "org.springframework.", "jakarta.persistence.", "org.apache.tomcat.",
              "org.apache.catalina.")
              .anyMatch(cls::startsWith)
          || cls.startsWith("dev.hotpath.db.QueryInspector$")
          || cls.contains("$Proxy");
    }

    private static String simpleName(String cls) {
      return cls.substring(cls.lastIndexOf('.') + 1);
    }
  }
}
