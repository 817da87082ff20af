package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TieredCacheConfigTest {

  @Test
  void defaultsAreValidAndCopyable() {
    TieredCacheConfig c = TieredCacheConfig.ofDefaults("users");
    assertThat(c.l1Ttl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(TieredCacheConfig.from(c).build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(TieredCacheConfig.from(c).maxStaleness(Duration.ofSeconds(1)).build()).isNotEqualTo(c);
    assertThat(c.maxStaleness()).isZero();
    assertThat(c.l1Jitter()).isTrue();
    TieredCacheConfig fixed = TieredCacheConfig.from(c).l1Jitter(false).build();
    assertThat(fixed).isNotEqualTo(c);
    assertThat(TieredCacheConfig.from(fixed).build()).isEqualTo(fixed);
    assertThat(fixed.toString()).contains("l1Jitter=false");
    assertThat(fixed.l1FixedTtl()).isTrue();
    assertThat(c.l1FixedTtl()).isFalse();
    assertThat(TieredCacheConfig.from(c).ttlJitter(0).build().l1FixedTtl()).isTrue();
    assertThat(c.toString()).contains("name=users");
  }

  @Test
  void badValuesNameTheSettingTheValueAndTheRange() {
    assertThatThrownBy(() -> TieredCacheConfig.builder("bad name").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name").hasMessageContaining("bad name");
    assertThatThrownBy(() -> TieredCacheConfig.builder("c").l1MaximumSize(0).build())
        .hasMessage("l1MaximumSize must be >= 1, was 0");
    assertThatThrownBy(() -> TieredCacheConfig.builder("c").l1Ttl(Duration.ZERO).build())
        .hasMessage("l1Ttl must be > 0, was PT0S");
    assertThatThrownBy(() -> TieredCacheConfig.builder("c").ttlJitter(0.6).build())
        .hasMessage("ttlJitter must be in [0, 0.5], was 0.6");
    assertThatThrownBy(() -> TieredCacheConfig.builder("c").negativeTtl(Duration.ofMinutes(1)).build())
        .hasMessageContaining("negativeTtl must be <= l1Ttl");
    assertThatThrownBy(() -> TieredCacheConfig.builder("c").earlyExpirationBeta(-1).build())
        .hasMessage("earlyExpirationBeta must be in [0, 10], was -1.0");
    assertThatThrownBy(() -> TieredCacheConfig.builder("c").leaseWait(Duration.ofSeconds(6)).build())
        .hasMessageContaining("leaseWait must be <= leaseTtl");
    assertThatThrownBy(() -> TieredCacheConfig.builder("c").maxPendingInvalidations(-1).build())
        .hasMessage("maxPendingInvalidations must be >= 0, was -1");
    assertThatThrownBy(() -> TieredCacheConfig.builder("c").maxStaleness(Duration.ofMinutes(1)).build())
        .hasMessage("maxStaleness must be in [0, l1Ttl (PT30S)], was PT1M");
    assertThatThrownBy(() -> TieredCacheConfig.builder("c").l2ConnectRetry(Duration.ofMillis(1)).build())
        .hasMessage("l2ConnectRetry must be in [10 ms, 1 h], was PT0.001S");
    assertThatThrownBy(() -> TieredCacheConfig.builder("c").l1Ttl(null))
        .isInstanceOf(NullPointerException.class).hasMessage("l1Ttl");
  }
}
