package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class PoolConfigTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1/test";

  @Test
  void defaultsAreValidAndFixedSize() {
    PoolConfig c = PoolConfig.ofDefaults(URL);
    assertThat(c.maxOpen()).isEqualTo(10);
    assertThat(c.maxIdle()).isEqualTo(10);
    assertThat(c.username()).isEmpty();
    assertThat(PoolConfig.from(c).password("pw").build().toString()).doesNotContain("pw");
    assertThat(PoolConfig.from(c).build()).isEqualTo(c).hasSameHashCodeAs(c);
    PoolConfig withProps = PoolConfig.builder(URL).driverProperty("ssl", "true").maxIdle(3).build();
    assertThat(PoolConfig.from(withProps).build()).isEqualTo(withProps);
  }

  @Test
  void maxIdleMustNotExceedMaxOpen() {
    assertThatThrownBy(() -> PoolConfig.builder(URL).maxOpen(5).maxIdle(6).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PoolConfig.maxIdle must be in [0, maxOpen=5], was 6");
  }

  @Test
  void rejectsValuesHikariWouldSilentlyReplace() {
    assertThatThrownBy(() -> PoolConfig.builder(URL).maxLifetime(Duration.ofSeconds(5)).build())
        .hasMessage("PoolConfig.maxLifetime must be 0 (never retire) or >= 30s, was PT5S");
    assertThatThrownBy(() -> PoolConfig.builder(URL).connectionTimeout(Duration.ofMillis(100)).build())
        .hasMessage("PoolConfig.connectionTimeout must be >= 250ms, was PT0.1S");
    // HikariCP disables idleTimeout when idleTimeout + 1 s > maxLifetime
    assertThatThrownBy(() -> PoolConfig.builder(URL).maxIdleTime(Duration.ofMinutes(30).minusMillis(500)).build())
        .hasMessage("PoolConfig.maxIdleTime must be at most maxLifetime - 1s = PT29M59S, was PT29M59.5S");
    assertThatThrownBy(() -> PoolConfig.builder(URL).leakDetectionThreshold(Duration.ofMillis(10)).build())
        .hasMessageContaining("PoolConfig.leakDetectionThreshold must be 0 (off) or in [2s, maxLifetime=PT30M]");
    assertThatThrownBy(() -> PoolConfig.builder(URL).validationTimeout(Duration.ofMinutes(1)).build())
        .hasMessage("PoolConfig.validationTimeout must be in [250ms, min(connectionTimeout, 1h) = PT30S], was PT1M");
    assertThatThrownBy(() -> PoolConfig.builder("postgres://x").build())
        .hasMessage("PoolConfig.jdbcUrl must be a JDBC URL starting with 'jdbc:', was 'postgres://x'");
    assertThatThrownBy(() -> PoolConfig.builder(URL).maxOpen(0).build())
        .hasMessage("PoolConfig.maxOpen must be in [1, 10000], was 0");
  }

  @Test
  void mapsOntoHikari() {
    var hc = Pools.hikariConfig("p", PoolConfig.builder(URL).maxOpen(8).maxIdle(2).maxIdleTime(Duration.ofSeconds(20)).build());
    assertThat(hc.getMaximumPoolSize()).isEqualTo(8);
    assertThat(hc.getMinimumIdle()).isEqualTo(2);
    assertThat(hc.getIdleTimeout()).isEqualTo(20_000);
    assertThat(hc.getPoolName()).isEqualTo("p");
  }

  @Test
  void longDurationsSaturate() {
    PoolConfig c = PoolConfig.builder(URL)
        .maxLifetime(ChronoUnit.FOREVER.getDuration())
        .connectionTimeout(ChronoUnit.FOREVER.getDuration())
        .build();
    var hc = Pools.hikariConfig("p", c);
    assertThat(hc.getMaxLifetime()).isEqualTo(Long.MAX_VALUE);
    assertThat(hc.getConnectionTimeout()).isEqualTo(Long.MAX_VALUE);
    assertThat(hc.getValidationTimeout()).isEqualTo(5_000);
  }

  @Test
  void theUnsetMarkerOfMaxIdleCannotBeSet() {
    assertThatThrownBy(() -> PoolConfig.builder(URL).maxIdle(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PoolConfig.maxIdle must be in [0, maxOpen=10], was -1");
  }

  @Test
  void theDocumentedMinimumConnectionTimeoutIsAccepted() {
    // HikariCP's floor for connectionTimeout and validationTimeout is 250 ms (SOFT_TIMEOUT_FLOOR)
    PoolConfig c = PoolConfig.builder(URL).connectionTimeout(Duration.ofMillis(250)).build();
    assertThat(c.connectionTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.validationTimeout()).isEqualTo(Duration.ofMillis(250));
    var hc = Pools.hikariConfig("p", c);
    assertThat(hc.getConnectionTimeout()).isEqualTo(250);
    assertThat(hc.getValidationTimeout()).isEqualTo(250);
  }

  @Test
  void aPoolNeedsANonBlankName() {
    assertThatThrownBy(() -> Pools.create(" ", PoolConfig.ofDefaults(URL)))
        .hasMessage("Pool name must be non-blank, was ' '");
  }
}
