package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inspector over in-memory H2: digest, slow log, redaction, N+1, scope timing. */
class QueryInspectorTest {
  private final List<SlowQuery> slow = new CopyOnWriteArrayList<>();
  private final List<NPlusOne> nPlusOnes = new CopyOnWriteArrayList<>();
  private final QueryListener recording =
      new QueryListener() {
        @Override
        public void onSlowQuery(SlowQuery query) {
          slow.add(query);
        }

        @Override
        public void onNPlusOne(NPlusOne detection) {
          nPlusOnes.add(detection);
        }
      };
  private DataSource raw;

  @BeforeEach
  void setUp() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:inspector" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    raw = h2;
    try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table orders (id int primary key, customer varchar(40))");
      s.execute("create table items (id int primary key, order_id int, sku varchar(20))");
      s.execute("insert into orders select x, 'c' || x from system_range(1, 20)");
      s.execute("insert into items select x, 1 + mod(x, 20), 'sku' || x from system_range(1, 60)");
    }
  }

  private QueryInspector inspector(InspectorConfig.Builder b) {
    return QueryInspector.create(b.listener(recording).build());
  }

  @Test
  void digestCountsTimesAndRowsPerFingerprint() throws SQLException {
    QueryInspector inspector = inspector(InspectorConfig.builder());
    DataSource ds = inspector.wrap(raw);
    try (Connection c = ds.getConnection()) {
      for (int i = 1; i <= 5; i++) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select * from items where order_id = " + i)) {
          while (rs.next()) {
            assertThat(rs.getInt("order_id")).isEqualTo(i);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("update items set sku = ? where order_id in (1, 2)")) {
        ps.setString(1, "new");
        assertThat(ps.executeUpdate()).isEqualTo(6);
      }
    }
    QueryDigest digest = inspector.digest();
    QueryStats select = digest.get("select * from items where order_id = ?");
    assertThat(select.count()).isEqualTo(5);
    assertThat(select.rows()).isEqualTo(15);
    assertThat(select.totalNanos()).isPositive();
    assertThat(select.maxNanos()).isLessThanOrEqualTo(select.totalNanos());
    assertThat(select.p95Nanos()).isPositive().isLessThanOrEqualTo((long) (select.maxNanos() * 1.01) + 1);
    QueryStats update = digest.get("update items set sku = ? where order_id in (?+)");
    assertThat(update.count()).isEqualTo(1);
    assertThat(update.rows()).isEqualTo(6);
    assertThat(digest.toText()).contains("select * from items where order_id = ?");
    assertThat(digest.toJson()).contains("\"fingerprint\" : \"select * from items where order_id = ?\"", "\"count\" : 5");
  }

  @Test
  void slowQueryLogHasElapsedTimeAndRedactedParameters() throws SQLException {
    QueryInspector inspector =
        inspector(InspectorConfig.builder().slowQueryThreshold(Duration.ZERO));
    try (Connection c = inspector.wrap(raw).getConnection();
        PreparedStatement ps = c.prepareStatement("select * from orders where customer = ? and id > ?")) {
      ps.setString(1, "secret@example.org");
      ps.setInt(2, 3);
      ps.executeQuery().close();
    }
    assertThat(slow).hasSize(1);
    SlowQuery q = slow.get(0);
    assertThat(q.parameters()).containsExactly("<string>", "<integer>");
    assertThat(q.toString()).doesNotContain("secret");
    assertThat(q.elapsedNanos()).isPositive();
    assertThat(q.callSite()).startsWith("QueryInspectorTest.slowQueryLogHasElapsedTimeAndRedactedParameters:");

    QueryInspector showing =
        inspector(InspectorConfig.builder().slowQueryThreshold(Duration.ZERO).parameterRedaction(ParameterRedaction.NONE));
    try (Connection c = showing.wrap(raw).getConnection();
        PreparedStatement ps = c.prepareStatement("select * from orders where customer = ?")) {
      ps.setString(1, "c1");
      ps.executeQuery().close();
    }
    assertThat(slow.get(1).parameters()).containsExactly("'c1'");
  }

  @Test
  void fastQueriesStayOutOfTheSlowLog() throws SQLException {
    QueryInspector inspector = inspector(InspectorConfig.builder().slowQueryThreshold(Duration.ofHours(1)));
    try (Connection c = inspector.wrap(raw).getConnection(); Statement s = c.createStatement()) {
      s.executeQuery("select 1").close();
    }
    assertThat(slow).isEmpty();
    assertThat(inspector.digest().totalCount()).isEqualTo(1);
  }

  @Test
  void anUnboundedSlowThresholdSaturates() throws SQLException {
    QueryInspector inspector =
        inspector(InspectorConfig.builder().slowQueryThreshold(java.time.temporal.ChronoUnit.FOREVER.getDuration()));
    try (Connection c = inspector.wrap(raw).getConnection(); Statement s = c.createStatement()) {
      s.executeQuery("select 1").close(); // used to throw ArithmeticException from Duration.toNanos
    }
    assertThat(slow).isEmpty();
    assertThat(inspector.digest().totalCount()).isEqualTo(1);
  }

  @Test
  void nPlusOneDetectedForLoopNotForJoin() throws SQLException {
    QueryInspector inspector = inspector(InspectorConfig.builder().nPlusOneThreshold(5));
    DataSource ds = inspector.wrap(raw);
    try (Scope scope = Scope.open("GET /orders")) {
      loadOrdersOneByOne(ds);
      assertThat(inspector.nPlusOne(scope)).singleElement().satisfies(d -> {
        assertThat(d.count()).isEqualTo(20);
        assertThat(d.fingerprint()).isEqualTo("select sku from items where order_id = ?");
        assertThat(d.totalNanos()).isPositive();
      });
      assertThat(scope.measurement("db").count()).isEqualTo(21);
    }
    assertThat(nPlusOnes).singleElement().satisfies(d ->
        assertThat(d.callSite()).startsWith("QueryInspectorTest.loadOrdersOneByOne:"));

    nPlusOnes.clear();
    try (Scope scope = Scope.open("GET /orders joined")) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select o.id, i.sku from orders o left join items i on i.order_id = o.id")) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertThat(n).isEqualTo(60);
      }
      assertThat(inspector.nPlusOne(scope)).isEmpty();
      assertThat(scope.measurement("db").count()).isEqualTo(1);
    }
    assertThat(nPlusOnes).isEmpty();
  }

  @Test
  void noScopeNoNPlusOne() throws SQLException {
    QueryInspector inspector = inspector(InspectorConfig.builder().nPlusOneThreshold(2).strictNPlusOne(true));
    loadOrdersOneByOne(inspector.wrap(raw)); // outside any scope: nothing to attribute it to
    assertThat(nPlusOnes).isEmpty();
  }

  @Test
  void strictModeThrowsAtTheThreshold() {
    QueryInspector inspector = inspector(InspectorConfig.builder().nPlusOneThreshold(3).strictNPlusOne(true));
    DataSource ds = inspector.wrap(raw);
    try (Scope scope = Scope.open("test")) {
      assertThat(Scope.current()).isSameAs(scope);
      assertThatThrownBy(() -> loadOrdersOneByOne(ds))
          .isInstanceOf(NPlusOneException.class)
          .hasMessageContaining("3 x [select sku from items where order_id = ?]")
          .hasMessageContaining("loadOrdersOneByOne");
    }
  }

  @Test
  void configRejectsBadValues() {
    assertThatThrownBy(() -> InspectorConfig.builder().nPlusOneThreshold(1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("InspectorConfig.nPlusOneThreshold must be in [2, 1000000], was 1");
    assertThatThrownBy(() -> InspectorConfig.builder().slowQueryThreshold(Duration.ofMillis(-1)).build())
        .hasMessageContaining("slowQueryThreshold");
  }

  private static void loadOrdersOneByOne(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet orders = s.executeQuery("select id from orders order by id")) {
      while (orders.next()) {
        try (PreparedStatement ps = c.prepareStatement("select sku from items where order_id = ?")) {
          ps.setInt(1, orders.getInt(1));
          try (ResultSet items = ps.executeQuery()) {
            while (items.next()) {
              items.getString(1);
            }
          }
        }
      }
    }
  }
}
