package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolConfigTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1/test";

  @Test
  void defaultsAreValidAndFixedSize() {
    PoolConfig c = PoolConfig.ofDefaults(URL);
    assertThat(c.maxOpen()).isEqualTo(10);
    assertThat(c.maxIdle()).isEqualTo(10);
    assertThat(PoolConfig.from(c).password("pw").build().toString()).doesNotContain("pw");
  }

  @Test
  void maxIdleMustNotExceedMaxOpen() {
    assertThatThrownBy(() -> PoolConfig.builder(URL).maxOpen(5).maxIdle(6).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxIdle must be in [0, maxOpen=5], was 6");
  }

  @Test
  void rejectsValuesHikariWouldSilentlyReplace() {
    assertThatThrownBy(() -> PoolConfig.builder(URL).maxLifetime(Duration.ofSeconds(5)).build())
        .hasMessageContaining("maxLifetime").hasMessageContaining("30s");
    assertThatThrownBy(() -> PoolConfig.builder(URL).connectionTimeout(Duration.ofMillis(100)).build())
        .hasMessageContaining("connectionTimeout must be >= 250ms, was PT0.1S");
    assertThatThrownBy(() -> PoolConfig.builder(URL).maxIdleTime(Duration.ofHours(1)).build())
        .hasMessageContaining("maxIdleTime must be below maxLifetime");
    assertThatThrownBy(() -> PoolConfig.builder(URL).leakDetectionThreshold(Duration.ofMillis(10)).build())
        .hasMessageContaining("leakDetectionThreshold");
    assertThatThrownBy(() -> PoolConfig.builder(URL).validationTimeout(Duration.ofMinutes(1)).build())
        .hasMessageContaining("validationTimeout");
    assertThatThrownBy(() -> PoolConfig.builder("postgres://x").build()).hasMessageContaining("jdbcUrl");
    assertThatThrownBy(() -> PoolConfig.builder(URL).maxOpen(0).build()).hasMessageContaining("maxOpen");
  }

  @Test
  void mapsOntoHikari() {
    var hc = Pools.hikariConfig(PoolConfig.builder(URL).maxOpen(8).maxIdle(2).maxIdleTime(Duration.ofSeconds(20)).build());
    assertThat(hc.getMaximumPoolSize()).isEqualTo(8);
    assertThat(hc.getMinimumIdle()).isEqualTo(2);
    assertThat(hc.getIdleTimeout()).isEqualTo(20_000);
  }

  @Test
  void theUnsetMarkerOfMaxIdleCannotBeSet() {
    assertThatThrownBy(() -> PoolConfig.builder(URL).maxIdle(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxIdle must be in [0, maxOpen=10], was -1");
  }

  @Test
  void theDocumentedMinimumConnectionTimeoutIsAccepted() {
    // HikariCP's floor for connectionTimeout and validationTimeout is 250 ms (SOFT_TIMEOUT_FLOOR)
    PoolConfig c = PoolConfig.builder(URL).connectionTimeout(Duration.ofMillis(250)).build();
    assertThat(c.connectionTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.validationTimeout()).isEqualTo(Duration.ofMillis(250));
    var hc = Pools.hikariConfig(c);
    assertThat(hc.getConnectionTimeout()).isEqualTo(250);
    assertThat(hc.getValidationTimeout()).isEqualTo(250);
  }
}
