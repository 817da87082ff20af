package dev.hotpath.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.testing.Services;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Every query annotation on a real PostgreSQL, passing and failing for the right reason: the
 * deliberately good and bad tests below run through the JUnit engine and their messages are read.
 */
class QueryBudgetsIT {
  static final String SCHEMA = "hp_junit_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  static DataSource db;

  @BeforeAll
  static void createSchema() throws SQLException {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(Services.postgresUrl());
    pg.setUser("postgres");
    pg.setCurrentSchema(SCHEMA);
    try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
      s.execute("create schema " + SCHEMA);
      s.execute("create table author (id int primary key, name text not null)");
      s.execute("create table book (id int primary key, author_id int not null references author, title text not null)");
      s.execute("insert into author select g, 'author ' || g from generate_series(1, 5) g");
      s.execute("insert into book select g, 1 + g % 5, 'book ' || g from generate_series(1, 15) g");
    }
    db = QueryRecorder.shared().wrap(pg);
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (db != null) {
      try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
        s.execute("drop schema " + SCHEMA + " cascade");
      }
    }
  }

  @Test
  void maxQueriesPassesWithinTheBudget() {
    assertThat(EngineRun.failureOf(Cases.class, "joinWithinThree")).isEmpty();
  }

  @Test
  void maxQueriesFailsListingEveryStatementWithItsCallSiteAndTheFingerprints() {
    String message = EngineRun.failureMessage(Cases.class, "loopWithinThree");
    assertThat(message)
        .startsWith("Cases.loopWithinThree broke its budget:\n@MaxQueries(3): 6 statements ran\n")
        .contains("select id, name from author order by id")
        .contains("at QueryBudgetsIT.titlesOneByOne:")
        .contains("[1]")
        .contains("by fingerprint:")
        .containsPattern("5 x +[\\d.]+ ms  select title from book where author_id = \\?");
  }

  @Test
  void maxQueriesCountsOnlyTheKindAsked() {
    assertThat(EngineRun.failureOf(Cases.class, "oneSelectAmongWrites")).isEmpty();
  }

  @Test
  void expectQueriesPassesOnTheExactCount() {
    assertThat(EngineRun.failureOf(Cases.class, "exactlyOne")).isEmpty();
  }

  @Test
  void expectQueriesFailsOnAnyOtherCount() {
    assertThat(EngineRun.failureMessage(Cases.class, "expectedOneRanTwo"))
        .contains("@ExpectQueries(1): 2 statements ran")
        .contains("at QueryBudgetsIT.titlesJoined:");
    assertThat(EngineRun.failureMessage(Cases.class, "expectedOneRanNone")).contains("@ExpectQueries(1): 0 statements ran");
  }

  @Test
  void noNPlusOnePassesForAJoin() {
    assertThat(EngineRun.failureOf(Cases.class, "joinHasNoNPlusOne")).isEmpty();
  }

  @Test
  void noNPlusOneNamesTheFingerprintTheCallSiteAndTheValues() {
    String message = EngineRun.failureMessage(Cases.class, "loopIsNPlusOne");
    assertThat(message)
        .contains("@NoNPlusOne(threshold = 3): 1 N+1 pattern")
        .containsPattern("5 x \\[select title from book where author_id = \\?\\] from QueryBudgetsIT\\.titlesOneByOne:\\d+, [\\d.]+ ms in total, values \\[\\[1\\], \\[2\\], \\[3\\], \\[4\\], \\[5\\]\\]")
        .contains("fetch each group with one JOIN");
  }

  @Test
  void noNPlusOneIgnoresTheSameQueryFromDifferentCallSitesBelowTheThreshold() {
    assertThat(EngineRun.failureOf(Cases.class, "twoCallSitesTwiceEach")).isEmpty();
  }

  @Test
  void maxQueryTimePassesForFastStatements() {
    assertThat(EngineRun.failureOf(Cases.class, "fastStatement")).isEmpty();
  }

  @Test
  void maxQueryTimeFailsNamingTheSlowStatement() {
    String message = EngineRun.failureMessage(Cases.class, "slowStatement");
    assertThat(message)
        .contains("@MaxQueryTime(\"1s\"): 1 statement was slower")
        .contains("select pg_sleep(1.2)")
        .containsPattern("\\d+\\.\\d\\d ms  select pg_sleep")
        .doesNotContain("select 1");
  }

  @Test
  void aClassLevelBudgetAppliesToEveryMethod() {
    assertThat(EngineRun.failureMessage(ClassBudgetCases.class, "oneQuery")).contains("@MaxQueries(0): 1 statements ran");
    assertThat(EngineRun.failureOf(ClassBudgetCases.class, "ownBudgetWins")).isEmpty();
  }

  @Test
  void queryBudgetsHoldForEveryMeasuredCallOfARepeatedTest() {
    assertThat(EngineRun.failureMessage(Cases.class, "repeatedWithOneExtraQueryOnTheThirdCall"))
        .contains("call 3 of 4: @MaxQueries(1): 2 statements ran");
  }

  @Test
  void statementsOnOtherThreadsCount() {
    assertThat(EngineRun.failureMessage(Cases.class, "queriesOnAnotherThread")).contains("@MaxQueries(0): 1 statements ran");
  }

  static void titlesOneByOne() throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet authors = s.executeQuery("select id, name from author order by id")) {
      while (authors.next()) {
        try (PreparedStatement ps = c.prepareStatement("select title from book where author_id = ?")) {
          ps.setInt(1, authors.getInt(1));
          ps.executeQuery().close();
        }
      }
    }
  }

  static void titlesJoined() throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.executeQuery("select a.name, b.title from author a join book b on b.author_id = a.id").close();
    }
  }

  static void run(String sql) throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static void titlesOf(int author) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select title from book where author_id = ?")) {
      ps.setInt(1, author);
      ps.executeQuery().close();
    }
  }

  static class Cases {
    static int calls;

    @Test
    @MaxQueries(3)
    void joinWithinThree() throws SQLException {
      titlesJoined();
    }

    @Test
    @MaxQueries(3)
    void loopWithinThree() throws SQLException {
      titlesOneByOne();
    }

    @Test
    @MaxQueries(value = 1, kind = StatementKind.SELECT)
    void oneSelectAmongWrites() throws SQLException {
      run("create temporary table scratch_" + Long.toHexString(System.nanoTime()).toLowerCase(Locale.ROOT) + " (x int)");
      run("update author set name = name where id = 1");
      run("select count(*) from book");
    }

    @Test
    @ExpectQueries(1)
    void exactlyOne() throws SQLException {
      titlesJoined();
    }

    @Test
    @ExpectQueries(1)
    void expectedOneRanTwo() throws SQLException {
      titlesJoined();
      titlesJoined();
    }

    @Test
    @ExpectQueries(1)
    void expectedOneRanNone() {}

    @Test
    @NoNPlusOne
    void joinHasNoNPlusOne() throws SQLException {
      titlesJoined();
    }

    @Test
    @NoNPlusOne
    void loopIsNPlusOne() throws SQLException {
      titlesOneByOne();
    }

    @Test
    @NoNPlusOne
    void twoCallSitesTwiceEach() throws SQLException {
      titlesOf(1);
      titlesOf(2);
      try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select title from book where author_id = ?")) {
        for (int i = 3; i <= 4; i++) {
          ps.setInt(1, i);
          ps.executeQuery().close();
        }
      }
    }

    @Test
    @MaxQueryTime("5s")
    void fastStatement() throws SQLException {
      run("select 1");
    }

    @Test
    @MaxQueryTime("1s") // a wide margin: `select 1` must stay under it even on a loaded machine
    void slowStatement() throws SQLException {
      run("select 1");
      run("select pg_sleep(1.2)"); // never returns sooner: the budget must fail
    }

    @Test
    @LatencyBudget(max = "1m", iterations = 4, warmup = 1)
    @MaxQueries(1)
    void repeatedWithOneExtraQueryOnTheThirdCall() throws SQLException {
      calls++;
      titlesOf(1);
      if (calls == 4) { // warmup 1, then the third measured call
        titlesOf(2);
      }
    }

    @Test
    @MaxQueries(0)
    void queriesOnAnotherThread() throws Exception {
      Thread t = Thread.ofPlatform().start(() -> {
        try {
          run("select 1");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      t.join();
    }
  }

  @MaxQueries(0)
  static class ClassBudgetCases {
    @Test
    void oneQuery() throws SQLException {
      run("select 1");
    }

    @Test
    @MaxQueries(1)
    void ownBudgetWins() throws SQLException {
      run("select 1");
    }
  }
}
