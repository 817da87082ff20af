package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.Scope;
import dev.hotpath.testing.Services;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The inspector over a real HikariCP pool on PostgreSQL. */
class QueryInspectorIT {
  private static final String ORDERS = "insp_orders_" + Long.toHexString(System.nanoTime());
  private static final String ITEMS = ORDERS.replace("orders", "items");
  private static Pool pool;

  @BeforeAll
  static void setUp() throws SQLException {
    pool = Pools.create("inspected", PoolConfig.builder(Services.postgresUrl()).username("postgres").maxOpen(2).build());
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table " + ORDERS + " (id int primary key, customer text)");
      s.execute("create table " + ITEMS + " (id int primary key, order_id int, sku text)");
      s.execute("insert into " + ORDERS + " select g, 'c' || g from generate_series(1, 30) g");
      s.execute("insert into " + ITEMS + " select g, 1 + g % 30, 'sku' || g from generate_series(1, 90) g");
    }
  }

  @AfterAll
  static void tearDown() throws SQLException {
    if (pool != null) {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("drop table if exists " + ORDERS + ", " + ITEMS);
      } finally {
        pool.close();
      }
    }
  }

  @Test
  void nPlusOneForARealLoopNotForTheJoin() throws SQLException {
    List<NPlusOne> seen = new CopyOnWriteArrayList<>();
    QueryInspector inspector = QueryInspector.create(InspectorConfig.builder()
        .listener(new QueryListener() {
          @Override
          public void onNPlusOne(NPlusOne d) {
            seen.add(d);
          }
        }).build());
    DataSource ds = inspector.wrap(pool);
    try (Scope scope = Scope.open("GET /orders")) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          ResultSet orders = s.executeQuery("select id from " + ORDERS)) {
        while (orders.next()) {
          try (PreparedStatement ps = c.prepareStatement("select sku from " + ITEMS + " where order_id = ?")) {
            ps.setInt(1, orders.getInt(1));
            ps.executeQuery().close();
          }
        }
      }
      assertThat(inspector.nPlusOne(scope)).singleElement().satisfies(d -> {
        assertThat(d.count()).isEqualTo(30);
        assertThat(d.totalNanos()).isPositive();
        assertThat(d.callSite()).startsWith("QueryInspectorIT.nPlusOneForARealLoopNotForTheJoin:");
      });
      assertThat(scope.measurement("db").count()).isEqualTo(31);
      assertThat(scope.serverTiming()).contains("db;dur=");
    }
    assertThat(seen).hasSize(1);

    try (Scope scope = Scope.open("GET /orders joined")) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select o.id, i.sku from " + ORDERS + " o left join " + ITEMS + " i on i.order_id = o.id")) {
        while (rs.next()) {
          rs.getString(2);
        }
      }
      assertThat(inspector.nPlusOne(scope)).isEmpty();
    }
    assertThat(seen).hasSize(1);
    QueryStats join = inspector.digest().queries().stream()
        .filter(q -> q.fingerprint().contains("left join")).findFirst().orElseThrow();
    assertThat(join.rows()).isEqualTo(90);
  }

  @Test
  void strictModeFailsTheLoop() {
    QueryInspector strict = QueryInspector.create(InspectorConfig.builder()
        .listener(QueryListener.none()).nPlusOneThreshold(10).strictNPlusOne(true).build());
    DataSource ds = strict.wrap(pool);
    try (Scope scope = Scope.open("test")) {
      assertThat(scope.name()).isEqualTo("test");
      assertThatThrownBy(() -> {
        try (Connection c = ds.getConnection()) {
          for (int i = 1; i <= 30; i++) {
            try (PreparedStatement ps = c.prepareStatement("select sku from " + ITEMS + " where order_id = ?")) {
              ps.setInt(1, i);
              ps.executeQuery().close();
            }
          }
        }
      }).isInstanceOf(NPlusOneException.class).hasMessageContaining("10 x");
    }
    assertThat(pool.stats().active()).isZero(); // the connection went back despite the throw
  }

  @Test
  void slowQueryHasRealElapsedTime() throws SQLException {
    List<SlowQuery> slow = new CopyOnWriteArrayList<>();
    QueryInspector inspector = QueryInspector.create(InspectorConfig.builder()
        .slowQueryThreshold(Duration.ofMillis(150))
        .parameterRedaction(ParameterRedaction.ALL)
        .listener(new QueryListener() {
          @Override
          public void onSlowQuery(SlowQuery q) {
            slow.add(q);
          }
        }).build());
    try (Connection c = inspector.wrap(pool).getConnection();
        PreparedStatement ps = c.prepareStatement("select pg_sleep(?), ? as secret")) {
      ps.setDouble(1, 0.2);
      ps.setString(2, "hunter2");
      ps.executeQuery().close();
      ps.setDouble(1, 0.0);
      ps.executeQuery().close();
    }
    assertThat(slow).singleElement().satisfies(q -> {
      assertThat(q.elapsedNanos()).isBetween(Duration.ofMillis(190).toNanos(), Duration.ofSeconds(10).toNanos());
      assertThat(q.parameters()).containsExactly("<redacted>", "<redacted>");
      assertThat(q.toString()).doesNotContain("hunter2");
    });
  }
}
