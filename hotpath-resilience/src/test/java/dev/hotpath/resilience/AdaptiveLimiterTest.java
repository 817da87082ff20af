package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.FakeTicker;
import dev.hotpath.resilience.AdaptiveLimiterConfig.Algorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveLimiterTest {
  private final FakeTicker ticker = new FakeTicker();

  /** Runs one round: fills the limiter to its limit, then completes every call after {@code rtt}. */
  private static void round(AdaptiveLimiter limiter, FakeTicker ticker, Duration rtt) {
    List<Permit> permits = new ArrayList<>();
    Permit p;
    while ((p = limiter.tryAcquirePermit()) != null) {
      permits.add(p);
    }
    ticker.advance(rtt);
    permits.forEach(permit -> permit.onSuccess(rtt.toNanos()));
  }

  @Test
  void aimdLowersLimitWhenLatencyRisesAndRecoversWhenItFalls() {
    AdaptiveLimiter limiter = AdaptiveLimiter.of("a", AdaptiveLimiterConfig.builder()
        .algorithm(Algorithm.AIMD).limits(20, 2, 100).backoffRatio(0.9)
        .latencyThreshold(Duration.ofMillis(100)).build(), ticker);
    for (int i = 0; i < 5; i++) {
      round(limiter, ticker, Duration.ofMillis(10));
    }
    int healthy = limiter.limit();
    assertThat(healthy).isGreaterThan(20);
    for (int i = 0; i < 3; i++) {
      round(limiter, ticker, Duration.ofMillis(500));
    }
    int degraded = limiter.limit();
    assertThat(degraded).isLessThan(healthy / 2);
    for (int i = 0; i < 10; i++) {
      round(limiter, ticker, Duration.ofMillis(10));
    }
    assertThat(limiter.limit()).isGreaterThan(degraded * 2);
    assertThat(limiter.inFlight()).isZero();
  }

  @Test
  void gradient2LowersLimitWhenLatencyRisesAndRecoversWhenItFalls() {
    AdaptiveLimiter limiter = AdaptiveLimiter.of("g", AdaptiveLimiterConfig.builder()
        .algorithm(Algorithm.GRADIENT2).limits(50, 5, 500).build(), ticker);
    for (int i = 0; i < 20; i++) {
      round(limiter, ticker, Duration.ofMillis(10));
    }
    int healthy = limiter.limit();
    assertThat(healthy).isGreaterThanOrEqualTo(50);
    for (int i = 0; i < 5; i++) {
      round(limiter, ticker, Duration.ofMillis(60)); // 6x the long-term RTT
    }
    int degraded = limiter.limit();
    assertThat(degraded).isLessThan(healthy / 2);
    for (int i = 0; i < 10; i++) {
      round(limiter, ticker, Duration.ofMillis(10));
    }
    assertThat(limiter.limit()).isGreaterThan(degraded * 3 / 2);
  }

  @Test
  void rejectsAtOnceWhenAtTheLimit() throws Exception {
    AdaptiveLimiter limiter = AdaptiveLimiter.of("l", AdaptiveLimiterConfig.builder()
        .limits(2, 1, 10).build(), ticker);
    Permit a = limiter.tryAcquirePermit();
    Permit b = limiter.tryAcquirePermit();
    assertThat(a).isNotNull();
    assertThat(b).isNotNull();
    assertThatThrownBy(() -> limiter.call(() -> 1)).isInstanceOf(LimitExceededException.class);
    a.release();
    a.release(); // reported twice: counted once
    assertThat(limiter.inFlight()).isEqualTo(1);
    assertThat(limiter.call(() -> 3)).isEqualTo(3);
    assertThat(limiter.rejectedCalls()).isEqualTo(1);
  }

  @Test
  void configValidation() {
    assertThatThrownBy(() -> AdaptiveLimiterConfig.builder().limits(5, 10, 20).build())
        .hasMessage("AdaptiveLimiterConfig.initialLimit must be in [10, 20], was 5");
    assertThatThrownBy(() -> AdaptiveLimiterConfig.builder().backoffRatio(1.0).build())
        .hasMessage("AdaptiveLimiterConfig.backoffRatio must be in [0.5, 1), was 1.0");
    AdaptiveLimiterConfig custom = AdaptiveLimiterConfig.builder().queueSize(7).build();
    assertThat(AdaptiveLimiterConfig.from(custom).build()).isEqualTo(custom)
        .hasSameHashCodeAs(custom);
  }

  // issue 17: same pattern as the bulkhead: a null stage kept its slot for good
  @Test
  void asyncNullStageFreesTheSlot() {
    AdaptiveLimiter al = AdaptiveLimiter.of("a", AdaptiveLimiterConfig.ofDefaults(), ticker);
    assertThat(al.<String>callAsync(() -> null).toCompletableFuture())
        .isCompletedExceptionally();
    assertThat(al.inFlight()).isZero();
  }

  @Test
  void aRejectionFromAnInnerGuardFreesTheSlotWithoutASample() throws Exception {
    AdaptiveLimiter al = AdaptiveLimiter.of("a", AdaptiveLimiterConfig.builder()
        .algorithm(Algorithm.AIMD).limits(10, 1, 100).build(), ticker);
    for (int i = 0; i < 20; i++) {
      assertThatThrownBy(() -> al.call(() -> {
        throw new BulkheadFullException("inner", "full");
      })).isInstanceOf(BulkheadFullException.class);
    }
    assertThat(al.limit()).isEqualTo(10); // a drop would have lowered it
    assertThat(al.inFlight()).isZero();
    assertThatThrownBy(() -> al.call(() -> {
      throw new java.io.IOException("down");
    })).isInstanceOf(java.io.IOException.class);
    assertThat(al.limit()).isEqualTo(9); // a real failure is a drop
  }
}
