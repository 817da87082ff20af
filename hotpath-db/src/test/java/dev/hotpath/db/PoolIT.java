package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.testing.Services;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pool on real PostgreSQL: a typed exhaustion error after the timeout, never a hang. */
class PoolIT {

  private static PoolConfig.Builder config() {
    return PoolConfig.builder(Services.postgresUrl()).username("postgres");
  }

  @Test
  void exhaustionFailsWithTypedErrorWithinTheTimeout() throws SQLException {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    PoolConfig cfg = config().maxOpen(2).maxIdle(1).connectionTimeout(Duration.ofMillis(500)).build();
    try (Pool pool = Pools.create("exhaust", cfg, meters);
        Connection a = pool.getConnection();
        Connection b = pool.getConnection()) {
      assertThat(a.isValid(1)).isTrue();
      assertThat(b.isValid(1)).isTrue();
      long start = System.nanoTime();
      assertThatThrownBy(pool::getConnection)
          .isInstanceOfSatisfying(PoolExhaustedException.class, e -> {
            assertThat(e.stats().active()).isEqualTo(2);
            assertThat(e.waited()).isEqualTo(Duration.ofMillis(500));
            assertThat(e.poolName()).isEqualTo("exhaust");
          })
          .hasMessageContaining("exhausted")
          .hasMessageContaining("500 ms");
      long waitedMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(waitedMs).isBetween(400L, 10_000L); // waited the timeout, did not hang
      assertThat(meters.get("hikaricp.connections.timeout").tag("pool", "exhaust").counter().count())
          .isEqualTo(1.0);
      assertThat(meters.get("hikaricp.connections.active").gauge().value()).isEqualTo(2.0);
    }
  }

  @Test
  void connectionsAreReusedAndStatsAreReported() throws SQLException {
    try (Pool pool = Pools.create("reuse", config().maxOpen(3).maxIdle(1).build())) {
      for (int i = 0; i < 10; i++) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select 1")) {
          assertThat(rs.next()).isTrue();
          assertThat(pool.stats().active()).isEqualTo(1);
        }
      }
      assertThat(pool.stats().total()).isBetween(1, 3);
      assertThat(pool.stats().active()).isZero();
    }
  }

  @Test
  void unreachableDatabaseIsNotReportedAsExhaustion() {
    PoolConfig cfg =
        PoolConfig.builder("jdbc:postgresql://127.0.0.1:" + Services.freePort() + "/none")
            .connectionTimeout(Duration.ofMillis(500)).build();
    assertThatThrownBy(() -> {
          try (Pool pool = Pools.create("unreachable", cfg)) {
            pool.getConnection().close();
          }
        })
        .isInstanceOf(Exception.class)
        .isNotInstanceOf(PoolExhaustedException.class);
  }
}
