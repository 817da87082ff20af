package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final FakeTicker ticker = new FakeTicker();

  @Test
  void burstThenSustainedRate() throws Exception {
    RateLimiter rl = RateLimiter.of("r", RateLimiterConfig.builder().limitForPeriod(10)
        .period(Duration.ofSeconds(1)).burst(3).build(), ticker);
    assertThat(rl.availablePermits()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(rl.tryAcquirePermission()).isTrue();
    }
    assertThat(rl.tryAcquirePermission()).isFalse();
    ticker.advance(Duration.ofMillis(99));
    assertThat(rl.tryAcquirePermission()).isFalse();
    ticker.advance(Duration.ofMillis(1)); // one interval = 100 ms
    assertThat(rl.tryAcquirePermission()).isTrue();
    assertThat(rl.tryAcquirePermission()).isFalse();
    ticker.advance(Duration.ofSeconds(10)); // idle: the burst refills, but no more than the burst
    assertThat(rl.availablePermits()).isEqualTo(3);
    int granted = 0;
    while (rl.tryAcquirePermission()) {
      granted++;
    }
    assertThat(granted).isEqualTo(3);
    assertThat(rl.rejectedCalls()).isEqualTo(4);
    assertThatThrownBy(() -> rl.call(() -> 1)).isInstanceOf(RequestNotPermittedException.class)
        .hasMessageContaining("10 per PT1S (burst 3)");
  }

  @Test
  void waitsForAPermitWithinMaxWait() {
    RateLimiter rl = RateLimiter.of("r", RateLimiterConfig.builder().limitForPeriod(1000)
        .period(Duration.ofSeconds(1)).burst(1).maxWait(Duration.ofMillis(50)).build());
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      rl.acquirePermission(); // 1 ms apart: each waits about 1 ms
    }
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(18).toNanos());
  }

  @Test
  void rejectsWhenTheWaitWouldExceedMaxWait() {
    RateLimiter rl = RateLimiter.of("r", RateLimiterConfig.builder().limitForPeriod(1)
        .period(Duration.ofSeconds(1)).maxWait(Duration.ofMillis(10)).build(), ticker);
    rl.acquirePermission();
    assertThatThrownBy(rl::acquirePermission).isInstanceOf(RequestNotPermittedException.class);
  }

  @Test
  void configValidation() {
    assertThatThrownBy(() -> RateLimiterConfig.builder().limitForPeriod(0).build())
        .hasMessage("limitForPeriod must be in [1, 1000000000], was 0");
    assertThatThrownBy(() -> RateLimiterConfig.builder().limitForPeriod(10)
        .period(Duration.ofNanos(5)).build())
        .hasMessageContaining("period / limitForPeriod must be >= 1 ns");
    assertThat(RateLimiterConfig.builder().limitForPeriod(7).build().burst()).isEqualTo(7);
  }
}
