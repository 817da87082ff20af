package dev.hotpath.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.db.SqlFingerprint;
import dev.hotpath.testing.Services;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The examples of docs/junit.md, compiled and run on PostgreSQL (DocSnippetsTest keeps them equal). */
class DocExamplesIT {
  static final String SCHEMA = "hp_junit_doc_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  static DataSource dataSource;

  // tag::setup[]
  @BeforeAll
  static void inspectTheDataSource() throws SQLException {
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(Services.postgresUrl());
    postgres.setUser("postgres");
    postgres.setCurrentSchema(SCHEMA);
    createTables(postgres);
    dataSource = QueryRecorder.shared().wrap(postgres); // every statement now reaches the budgets
  }
  // end::setup[]

  static void createTables(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("create schema " + SCHEMA);
      s.execute("create table orders (id int primary key, customer text)");
      s.execute("create table item (id int primary key, order_id int references orders, sku text)");
      s.execute("insert into orders select g, 'c' || g from generate_series(1, 20) g");
      s.execute("insert into item select g, 1 + g % 20, 'sku' || g from generate_series(1, 60) g");
    }
  }

  @AfterAll
  static void dropTables() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("drop schema " + SCHEMA + " cascade");
    }
  }

  // tag::queries[]
  @Test
  @MaxQueries(1)
  @NoNPlusOne
  void theOrdersPageIsOneQuery() throws SQLException {
    assertThat(skusPerOrder()).hasSize(60);
  }

  static List<String> skusPerOrder() throws SQLException {
    List<String> skus = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("select o.id, i.sku from orders o join item i on i.order_id = o.id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        skus.add(rs.getInt(1) + ":" + rs.getString(2));
      }
    }
    return skus;
  }
  // end::queries[]

  // tag::exact[]
  @Test
  @ExpectQueries(value = 1, kind = StatementKind.SELECT)
  @MaxQueryTime("2s") // a missing index on real data, not a loaded CI machine, should break it
  void oneSelectWithinTwoSeconds() throws SQLException {
    assertThat(skusPerOrder()).isNotEmpty();
  }
  // end::exact[]

  // tag::latency[]
  @Test
  @LatencyBudget(p50 = "1ms", p99 = "50ms", iterations = 2_000, warmup = 500) // ~100x what it takes; no max
  void fingerprintingStaysCheap() {
    SqlFingerprint.of("SELECT * FROM orders WHERE id IN (1, 2, 3) AND customer = 'c7'");
  }
  // end::latency[]

  // tag::allocation[]
  @Test
  @MaxAllocation(value = "16KiB", warmup = 100, iterations = 1_000)
  void fingerprintingAllocatesLittle() {
    SqlFingerprint.of("SELECT * FROM orders WHERE id = 42");
  }
  // end::allocation[]
}
