package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.testing.Services;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** EXPLAIN advice on a real 100k-row table, PostgreSQL and MariaDB. */
class ExplainAdvisorIT {
  private static final ExplainAdvisor ADVISOR = ExplainAdvisor.create(ExplainConfig.ofDefaults());

  private static String table() {
    return "adv_" + Long.toHexString(System.nanoTime());
  }

  @Test
  void postgresFindsTheMissingIndexAndItLowersTheCost() throws SQLException {
    String t = table();
    try (Connection c = DriverManager.getConnection(Services.postgresUrl(), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("create table " + t + " (id bigint primary key, email text not null, status text not null, created int not null)");
      try {
        s.execute("insert into " + t + " select g, 'user' || g || '@x.org', case when g % 10 = 0 then 'gone' else 'active' end, g % 1000"
            + " from generate_series(1, 100000) g");
        s.execute("analyze " + t);

        ExplainAdvice advice = ADVISOR.advise(c, "select id, status from " + t + " where email = ?", "user5000@x.org");
        assertThat(advice.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(advice.has(FindingKind.FULL_SCAN_SELECTIVE_FILTER)).as(advice.toString()).isTrue();
        IndexSuggestion index = advice.suggestedIndex().orElseThrow();
        assertThat(index.table()).isEqualTo(t);
        assertThat(index.columns()).containsExactly("email");
        assertThat(advice.has(FindingKind.SELECT_STAR)).isFalse();

        IndexVerification v = ADVISOR.verify(c, advice, index, "user5000@x.org");
        assertThat(v.lowersCost()).as(v.toString()).isTrue();
        assertThat(v.costAfter()).isLessThan(v.costBefore() / 10);
        assertThat(v.method()).isIn("rolled-back transaction", "hypopg");
        assertThat(c.getAutoCommit()).isTrue();
        // rolled back: the index is not there
        try (var rs = s.executeQuery("select count(*) from pg_indexes where tablename = '" + t + "'")) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(1); // the primary key only
        }

        ExplainAdvice sorted = ADVISOR.advise(c, "select * from " + t + " where status = 'gone' and created = 7 order by id desc");
        assertThat(sorted.has(FindingKind.SELECT_STAR)).isTrue();
        assertThat(sorted.suggestedIndex().orElseThrow().columns()).containsExactly("status", "created", "id");

        ExplainAdvice wildcard = ADVISOR.advise(c, "select id from " + t + " where email like ?", "%@x.org");
        assertThat(wildcard.has(FindingKind.LEADING_WILDCARD_LIKE)).isTrue();
        assertThat(wildcard.has(FindingKind.FULL_SCAN_SELECTIVE_FILTER)).isFalse(); // keeps every row
        assertThat(wildcard.has(FindingKind.NO_LIMIT_LARGE_RESULT)).isTrue();

        ExplainAdvice paged = ADVISOR.advise(c, "select id from " + t + " where id > 10 order by created limit 20");
        assertThat(paged.has(FindingKind.NO_LIMIT_LARGE_RESULT)).isFalse();

        ExplainAdvice analyzed = ExplainAdvisor.create(ExplainConfig.builder().analyze(true).build())
            .advise(c, "select id from " + t + " where email = 'user77@x.org'");
        assertThat(analyzed.has(FindingKind.FULL_SCAN_SELECTIVE_FILTER)).isTrue();
        assertThat(analyzed.plan()).contains("Actual Rows");
      } finally {
        s.execute("drop table " + t);
      }
    }
  }

  @Test
  void mariaDbFindsTheMissingIndexAndItLowersTheCost() throws SQLException {
    String t = table();
    try (Connection c = DriverManager.getConnection(Services.mariadbUrl(), "root", "");
        Statement s = c.createStatement()) {
      s.execute("create table " + t + " (id bigint primary key, email varchar(64) not null, status varchar(16) not null, created int not null)");
      try {
        s.execute("insert into " + t + " select seq, concat('user', seq, '@x.org'), if(seq % 10 = 0, 'gone', 'active'), seq % 1000"
            + " from seq_1_to_100000");
        s.execute("analyze table " + t);

        ExplainAdvice advice = ADVISOR.advise(c, "select id, status from " + t + " where email = ? order by created", "user5000@x.org");
        assertThat(advice.dialect()).isEqualTo(Dialect.MARIADB);
        assertThat(advice.has(FindingKind.FULL_SCAN_SELECTIVE_FILTER)).as(advice.toString()).isTrue();
        assertThat(advice.has(FindingKind.FILESORT)).isTrue();
        IndexSuggestion index = advice.suggestedIndex().orElseThrow();
        assertThat(index.columns()).containsExactly("email", "created");

        IndexVerification v = ExplainAdvisor.create(ExplainConfig.builder().allowRealIndexOnMariaDb(true).build())
            .verify(c, advice, index, "user5000@x.org");
        assertThat(v.lowersCost()).as(v.toString()).isTrue();
        assertThat(v.costAfter()).isLessThan(v.costBefore() / 10);

        ExplainAdvice star = ADVISOR.advise(c, "select * from " + t + " where email like '%@x.org'");
        assertThat(star.has(FindingKind.SELECT_STAR)).isTrue();
        assertThat(star.has(FindingKind.LEADING_WILDCARD_LIKE)).isTrue();
        assertThat(star.has(FindingKind.NO_LIMIT_LARGE_RESULT)).isTrue();
      } finally {
        s.execute("drop table " + t);
      }
    }
  }

  @Test
  void postgresAdvisesOnATableThatWasNeverAnalysed() throws SQLException {
    String t = table();
    try (Connection c = DriverManager.getConnection(Services.postgresUrl(), "postgres", "");
        Statement s = c.createStatement()) {
      // autovacuum off: nothing may analyse the table behind the test's back (reltuples stays -1)
      s.execute("create table " + t + " (id bigint primary key, email text not null, status text not null)"
          + " with (autovacuum_enabled = false)");
      try {
        s.execute("insert into " + t + " select g, 'user' || g || '@x.org', 'active' from generate_series(1, 100000) g");
        try (var rs = s.executeQuery("select reltuples from pg_class where oid = '" + t + "'::regclass")) {
          rs.next();
          assertThat(rs.getDouble(1)).as("never analysed").isNegative();
        }

        ExplainAdvice advice = ADVISOR.advise(c, "select id, status from " + t + " where email = ?", "user5000@x.org");
        assertThat(advice.has(FindingKind.FULL_SCAN_SELECTIVE_FILTER)).as(advice.toString()).isTrue();
        assertThat(advice.suggestedIndex().orElseThrow().columns()).containsExactly("email");
      } finally {
        s.execute("drop table " + t);
      }
    }
  }

  @Test
  void mariaDbDoesNotCallAOneRowLookupALargeResult() throws SQLException {
    String t = table();
    try (Connection c = DriverManager.getConnection(Services.mariadbUrl(), "root", "");
        Statement s = c.createStatement()) {
      s.execute("create table " + t + " (id bigint primary key, email varchar(64) not null, status varchar(16) not null)");
      try {
        s.execute("insert into " + t + " select seq, concat('user', seq, '@x.org'), 'active' from seq_1_to_100000");
        s.execute("analyze table " + t);

        ExplainAdvice byEmail = ADVISOR.advise(c, "select id, status from " + t + " where email = ?", "user5000@x.org");
        assertThat(byEmail.has(FindingKind.FULL_SCAN_SELECTIVE_FILTER)).as(byEmail.toString()).isTrue();
        assertThat(byEmail.has(FindingKind.NO_LIMIT_LARGE_RESULT)).as(byEmail.toString()).isFalse();

        ExplainAdvice byKey = ADVISOR.advise(c, "select id, status from " + t + " where id = ?", 5000);
        assertThat(byKey.findings()).as(byKey.toString()).isEmpty();

        ExplainAdvice counted = ADVISOR.advise(c, "select count(*) from " + t);
        assertThat(counted.has(FindingKind.NO_LIMIT_LARGE_RESULT)).as(counted.toString()).isFalse();

        ExplainAdvice everything = ADVISOR.advise(c, "select id from " + t + " where status like 'act%'");
        assertThat(everything.has(FindingKind.NO_LIMIT_LARGE_RESULT)).as(everything.toString()).isTrue();
      } finally {
        s.execute("drop table " + t);
      }
    }
  }
}
