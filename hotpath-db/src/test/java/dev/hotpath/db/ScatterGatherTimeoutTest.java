package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** A per-shard timeout of any length: ChronoUnit.FOREVER means no bound, not an overflow. */
class ScatterGatherTimeoutTest {
  @Test
  void anUnboundedPerShardTimeoutSaturates() throws Exception {
    List<DataSource> shards = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:scatter" + i + "x" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
      try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
        s.execute("create table t (v int)");
        s.execute("insert into t values (" + i + ")");
      }
      shards.add(h2);
    }
    ShardedDataSource sharded = ShardedDataSource.of(JumpHashRouter.of(2), shards);
    ScatterResult<Integer> r = sharded.scatterGather(
        ScatterQuery.of("select v from t", rs -> rs.getInt(1)).perShardTimeout(ChronoUnit.FOREVER.getDuration()));
    assertThat(r.partial()).as(r.failures().toString()).isFalse();
    assertThat(r.rows()).containsExactlyInAnyOrder(0, 1);
  }

}
