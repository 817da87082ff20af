package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.metrics.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many threads, each in its own scope, through one inspector: counts stay exact and scopes apart. */
class QueryInspectorStressTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void exactCountsAndPerScopeNPlusOneUnderContention(boolean virtual) throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:stress" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table t (id int primary key, v int)");
      s.execute("insert into t select x, x from system_range(1, 100)");
    }
    AtomicInteger detections = new AtomicInteger();
    QueryInspector inspector = QueryInspector.create(InspectorConfig.builder()
        .nPlusOneThreshold(5)
        .listener(new QueryListener() {
          @Override
          public void onNPlusOne(NPlusOne d) {
            detections.incrementAndGet();
          }
        }).build());
    var ds = inspector.wrap(h2);
    int tasks = 64;
    int perTask = 20;
    try (ExecutorService pool = virtual ? Executors.newVirtualThreadPerTaskExecutor() : Executors.newFixedThreadPool(16)) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < tasks; t++) {
        boolean loops = t % 2 == 0; // half the requests do N+1, half do few queries
        results.add(pool.submit(() -> {
          try (Scope scope = Scope.open("req")) {
            int n = loops ? perTask : 3;
            try (Connection c = ds.getConnection()) {
              for (int i = 1; i <= n; i++) {
                try (PreparedStatement ps = c.prepareStatement("select v from t where id = ?")) {
                  ps.setInt(1, i);
                  try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                  }
                }
              }
            }
            List<NPlusOne> found = inspector.nPlusOne(scope);
            return scope.measurement("db").count() == n
                && (loops ? found.size() == 1 && found.get(0).count() == perTask : found.isEmpty());
          }
        }));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    }
    QueryStats stats = inspector.digest().get("select v from t where id = ?");
    assertThat(stats.count()).isEqualTo((long) tasks / 2 * perTask + (long) tasks / 2 * 3);
    assertThat(stats.rows()).isEqualTo(stats.count());
    assertThat(detections.get()).isEqualTo(tasks / 2);
  }
}
