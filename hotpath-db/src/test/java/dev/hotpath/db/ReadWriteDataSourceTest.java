package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.metrics.Scope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Routing over three in-memory H2 databases that say who they are. */
class ReadWriteDataSourceTest {
  private static DataSource db(String name) throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + name + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table whoami (name varchar(20))");
      s.execute("insert into whoami values ('" + name + "')");
    }
    return ds;
  }

  private static String who(Connection c) throws SQLException {
    try (c; Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select name from whoami")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void readsGoToReplicasWritesToPrimaryAndReadsFollowWritesInAScope() throws SQLException {
    ReadWriteDataSource rw = ReadWriteDataSource.of(db("primary"), List.of(db("r1"), db("r2")));
    Set<String> readers = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      readers.add(who(rw.readConnection()));
    }
    assertThat(readers).containsExactlyInAnyOrder("r1", "r2");
    assertThat(who(rw.getConnection())).isEqualTo("primary");

    try (Scope scope = Scope.open("POST /orders")) {
      assertThat(who(rw.forReads().getConnection())).startsWith("r");
      assertThat(who(rw.writeConnection())).isEqualTo("primary");
      assertThat(rw.readsFromPrimary()).isTrue();
      for (int i = 0; i < 3; i++) {
        assertThat(who(rw.readConnection())).as("read-your-writes in %s", scope.name()).isEqualTo("primary");
      }
    }
    try (Scope next = Scope.open("GET /orders")) {
      assertThat(next.name()).isEqualTo("GET /orders");
      assertThat(who(rw.readConnection())).startsWith("r"); // a new request reads from replicas again
    }
  }

  @Test
  void withoutReplicasEverythingGoesToThePrimary() throws SQLException {
    ReadWriteDataSource rw = ReadWriteDataSource.of(db("primary"), List.of());
    assertThat(who(rw.readConnection())).isEqualTo("primary");
  }

  @Test
  void scopesOnManyThreadsDoNotLeakIntoEachOther() throws Exception {
    ReadWriteDataSource rw = ReadWriteDataSource.of(db("primary"), List.of(db("r1")));
    for (ExecutorService pool : List.of(Executors.newFixedThreadPool(8), Executors.newVirtualThreadPerTaskExecutor())) {
      try (pool) {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 200; t++) {
          boolean writer = t % 2 == 0;
          results.add(pool.submit(() -> {
            try (Scope s = Scope.open("req")) {
              if (writer) {
                rw.writeConnection().close();
              }
              return who(rw.readConnection()).equals(writer ? "primary" : "r1") && Scope.current() == s;
            }
          }));
        }
        for (Future<Boolean> f : results) {
          assertThat(f.get()).isTrue();
        }
      }
    }
  }
}
