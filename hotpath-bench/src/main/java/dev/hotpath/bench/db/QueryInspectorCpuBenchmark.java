package dev.hotpath.bench.db;

import dev.hotpath.db.InspectorConfig;
import dev.hotpath.db.Pool;
import dev.hotpath.db.PoolConfig;
import dev.hotpath.db.Pools;
import dev.hotpath.db.QueryInspector;
import dev.hotpath.db.QueryListener;
import java.sql.Connection;
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
 * The inspector's own CPU cost per statement, without a network in the way: the same lookup as
 * {@link QueryInspectorBenchmark} on in-memory H2 behind HikariCP, raw against inspected. The
 * difference (nanoseconds) is what the inspector adds to every statement on any database; divide
 * it by a real database round trip for the relative overhead, which a loaded machine's noise on
 * PostgreSQL would otherwise hide.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueryInspectorCpuBenchmark {
  private static final String SQL = "select name from t where id = ?";

  private Pool pool;
  private DataSource inspected;
  private int id;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    pool = Pools.create("h2-bench", PoolConfig.builder("jdbc:h2:mem:inspectorbench;DB_CLOSE_DELAY=-1").maxOpen(2).build());
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table if not exists t (id int primary key, name varchar(20) not null)");
      s.execute("merge into t select x, 'name-' || x from system_range(1, 1000)");
    }
    inspected = QueryInspector.create(InspectorConfig.builder().listener(QueryListener.none()).build()).wrap(pool);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  private String lookup(DataSource ds) throws SQLException {
    id = id % 1000 + 1;
    return QueryInspectorBenchmark.lookup(ds, SQL, id);
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
}
