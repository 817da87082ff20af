package dev.hotpath.bench.db;

import dev.hotpath.db.InspectorConfig;
import dev.hotpath.db.Pool;
import dev.hotpath.db.PoolConfig;
import dev.hotpath.db.Pools;
import dev.hotpath.db.QueryInspector;
import dev.hotpath.db.QueryListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The query inspector's overhead per statement on real PostgreSQL (HOTPATH_PG_URL, default
 * 127.0.0.1:5432/test): borrow a connection, run a primary-key lookup, read the row, give it back —
 * through the raw HikariCP pool (the anchor) and through the same pool wrapped by a {@link
 * QueryInspector}. Both share one pool and one table, so the difference is the proxies, the
 * fingerprint lookup and the digest recording. {@code inspectedInScope} adds a metrics Scope per
 * statement, as in a request, which turns on Scope timing and N+1 bookkeeping.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueryInspectorBenchmark {
  private static final String TABLE = "bench_inspector";
  private static final String SQL = "select name from " + TABLE + " where id = ?";

  private Pool pool;
  private DataSource inspected;
  private int id;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    String url = System.getenv().getOrDefault("HOTPATH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    pool = Pools.create("bench", PoolConfig.builder(url).username("postgres").maxOpen(2).build());
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table if not exists " + TABLE + " (id int primary key, name text not null)");
      s.execute("insert into " + TABLE + " select g, 'name-' || g from generate_series(1, 1000) g on conflict do nothing");
    }
    inspected = QueryInspector.create(InspectorConfig.builder().listener(QueryListener.none()).build()).wrap(pool);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  private String lookup(DataSource ds) throws SQLException {
    id = id % 1000 + 1;
    return lookup(ds, SQL, id);
  }

  /** Borrow, look one row up by primary key, read it, give the connection back. */
  static String lookup(DataSource ds, String sql, int id) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  @Benchmark
  @Threads(1)
  public String rawPool() throws SQLException {
    return lookup(pool);
  }

  @Benchmark
  @Threads(1)
  public String inspected() throws SQLException {
    return lookup(inspected);
  }

  @Benchmark
  @Threads(1)
  public String inspectedInScope() throws SQLException {
    try (dev.hotpath.metrics.Scope scope = dev.hotpath.metrics.Scope.open("bench")) {
      return lookup(inspected) + scope.name().length();
    }
  }
}
