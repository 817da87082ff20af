package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Routing and scatter-gather over three real PostgreSQL databases. */
class ShardedDataSourceIT {
  private static final String TABLE = "scatter_" + Long.toHexString(System.nanoTime());
  private static List<Pool> pools = List.of();
  private static ShardedDataSource sharded;

  @BeforeAll
  static void setUp() throws SQLException {
    pools = PgShards.create(3);
    sharded = ShardedDataSource.of(JumpHashRouter.of(3), new ArrayList<DataSource>(pools));
    for (Pool p : pools) {
      try (Connection c = p.getConnection(); Statement s = c.createStatement()) {
        s.execute("create table " + TABLE + " (id bigint primary key, amount int not null)");
      }
    }
    for (long id = 1; id <= 300; id++) {
      try (Connection c = sharded.shardFor(id).getConnection();
          PreparedStatement ps = c.prepareStatement("insert into " + TABLE + " values (?, ?)")) {
        ps.setLong(1, id);
        ps.setInt(2, (int) (id * 7 % 1000));
        ps.executeUpdate();
      }
    }
  }

  @AfterAll
  static void tearDown() throws SQLException {
    for (Pool p : pools) {
      try (Connection c = p.getConnection(); Statement s = c.createStatement()) {
        s.execute("drop view if exists " + TABLE + "_v");
        s.execute("drop table if exists " + TABLE + " cascade");
      } finally {
        p.close();
      }
    }
    if (sharded != null) {
      sharded.close();
    }
  }

  private static int count(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from " + TABLE)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void keysLandOnTheirShardAndScatterGatherMergesAll() throws Exception {
    int total = 0;
    for (int i = 0; i < 3; i++) {
      int n = count(sharded.shard(i));
      assertThat(n).as("rows on shard %d", i).isBetween(60, 140);
      total += n;
    }
    assertThat(total).isEqualTo(300);

    ScatterResult<long[]> top = sharded.scatterGather(
        ScatterQuery.of("select id, amount from " + TABLE + " order by amount desc limit 5",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)})
            .orderBy(Comparator.comparingLong((long[] r) -> r[1]).reversed())
            .limit(5));
    assertThat(top.partial()).isFalse();
    assertThat(top.rows()).hasSize(5);
    long max = java.util.stream.LongStream.rangeClosed(1, 300).map(id -> id * 7 % 1000).max().orElseThrow();
    assertThat(top.rows().get(0)[1]).isEqualTo(max);
    for (int i = 1; i < 5; i++) {
      assertThat(top.rows().get(i)[1]).isLessThanOrEqualTo(top.rows().get(i - 1)[1]);
    }
  }

  @Test
  void slowShardTimesOutCleanlyAndResultIsPartial() throws Exception {
    for (int i = 0; i < 3; i++) {
      try (Connection c = sharded.shard(i).getConnection(); Statement s = c.createStatement()) {
        String sleep = i == 1 ? ", pg_sleep(30) z" : ""; // shard 1 is slowed down
        s.execute("create or replace view " + TABLE + "_v as select id, amount from " + TABLE + sleep);
      }
    }
    long start = System.nanoTime();
    ScatterResult<Long> r = sharded.scatterGather(
        ScatterQuery.of("select id from " + TABLE + "_v where amount < ?", rs -> rs.getLong(1))
            .params(500)
            .orderBy(Comparator.naturalOrder())
            .perShardTimeout(Duration.ofMillis(700)));
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(elapsedMs).isBetween(600L, 5_000L); // waited the timeout, not the 30 s sleep
    assertThat(r.partial()).isTrue();
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.shard()).isEqualTo(1);
      assertThat(f.timedOut()).isTrue();
    });
    int expected = 0;
    for (int shard : new int[] {0, 2}) {
      try (Connection c = sharded.shard(shard).getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*) from " + TABLE + " where amount < 500")) {
        rs.next();
        expected += rs.getInt(1);
      }
    }
    assertThat(r.rows()).hasSize(expected).isSorted();
    for (Long id : r.rows()) {
      assertThat(JumpHashRouter.of(3).shardFor(id)).isNotEqualTo(1);
    }
    // the slow statement was cancelled on the server and its connection went back to the pool
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (pools.get(1).stats().active() > 0 && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(pools.get(1).stats().active()).isZero();
  }
}
