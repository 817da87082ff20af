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
      assertThat(rl.tryAcquirePermit()).isNotNull();
    }
    assertThat(rl.tryAcquirePermit()).isNull();
    ticker.advance(Duration.ofMillis(99));
    assertThat(rl.tryAcquirePermit()).isNull();
    ticker.advance(Duration.ofMillis(1)); // one interval = 100 ms
    assertThat(rl.tryAcquirePermit()).isNotNull();
    assertThat(rl.tryAcquirePermit()).isNull();
    ticker.advance(Duration.ofSeconds(10)); // idle: the burst refills, but no more than the burst
    assertThat(rl.availablePermits()).isEqualTo(3);
    int granted = 0;
    while (rl.tryAcquirePermit() != null) {
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
      rl.acquirePermit(); // 1 ms apart: each waits about 1 ms
    }
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(18).toNanos());
  }

  @Test
  void rejectsWhenTheWaitWouldExceedMaxWait() {
    RateLimiter rl = RateLimiter.of("r", RateLimiterConfig.builder().limitForPeriod(1)
        .period(Duration.ofSeconds(1)).maxWait(Duration.ofMillis(10)).build(), ticker);
    rl.acquirePermit();
    assertThatThrownBy(rl::acquirePermit).isInstanceOf(RequestNotPermittedException.class);
  }

  @Test
  void configValidation() {
    assertThatThrownBy(() -> RateLimiterConfig.builder().limitForPeriod(0).build())
        .hasMessage("RateLimiterConfig.limitForPeriod must be in [1, 1000000000], was 0");
    assertThatThrownBy(() -> RateLimiterConfig.builder().limitForPeriod(10)
        .period(Duration.ofNanos(5)).build())
        .hasMessage("RateLimiterConfig.period must be >= limitForPeriod (10) nanoseconds, was PT0.000000005S");
    assertThat(RateLimiterConfig.builder().limitForPeriod(7).build().burst()).isEqualTo(1);
    RateLimiterConfig custom = RateLimiterConfig.builder().limitForPeriod(7).burst(3).build();
    assertThat(RateLimiterConfig.from(custom).build()).isEqualTo(custom).hasSameHashCodeAs(custom);
  }

  // issue 17: the burst defaulted to the per-period limit, so 1000/s let 2000 through at first
  @Test
  void aThousandPerSecondLimiterAdmitsAtMostAThousandInItsFirstSecond() {
    RateLimiter rl = RateLimiter.of("r", RateLimiterConfig.builder().limitForPeriod(1000)
        .period(Duration.ofSeconds(1)).build(), ticker);
    int admitted = 0;
    for (int step = 0; step < 1000; step++) { // 0 .. 999 ms: the first second
      while (rl.tryAcquirePermit() != null) {
        admitted++;
      }
      ticker.advance(Duration.ofMillis(1));
    }
    assertThat(admitted).isEqualTo(1000);
  }

  @Test
  void noWindowOfOnePeriodAdmitsMoreThanLimitPlusBurstMinusOne() {
    // 3 per second does not divide a second in whole nanoseconds: the spacing is rounded up
    for (int burst : new int[] {1, 4}) {
      FakeTicker clock = new FakeTicker();
      RateLimiter rl = RateLimiter.of("r", RateLimiterConfig.builder().limitForPeriod(3)
          .period(Duration.ofSeconds(1)).burst(burst).build(), clock);
      java.util.List<Long> admittedAt = new java.util.ArrayList<>();
      java.util.Random random = new java.util.Random(42);
      for (int i = 0; i < 20_000; i++) {
        clock.advance(Duration.ofNanos(random.nextInt(2_000_000))); // bursty arrivals
        if (rl.tryAcquirePermit() != null) {
          admittedAt.add(clock.read());
        }
      }
      int worst = 0;
      for (int first = 0, last = 0; last < admittedAt.size(); last++) {
        while (admittedAt.get(last) - admittedAt.get(first) >= 1_000_000_000L) {
          first++;
        }
        worst = Math.max(worst, last - first + 1);
      }
      assertThat(worst).as("burst %d", burst).isEqualTo(3 + burst - 1);
    }
  }

  @Test
  void asyncCallWaitsForItsSlotOffTheCallersThread() throws Exception {
    RateLimiter rl = RateLimiter.of("r", RateLimiterConfig.builder().limitForPeriod(20)
        .period(Duration.ofSeconds(1)).maxWait(Duration.ofSeconds(5)).build());
    assertThat(rl.call(() -> 1)).isEqualTo(1); // the next slot is 50 ms away
    java.util.concurrent.CompletableFuture<String> later =
        rl.callAsync(() -> java.util.concurrent.CompletableFuture.completedFuture(
            Thread.currentThread().getName())).toCompletableFuture();
    assertThat(later.get(10, java.util.concurrent.TimeUnit.SECONDS))
        .startsWith("hotpath-permit-wait-");
    RateLimiter noWait = RateLimiter.of("n", RateLimiterConfig.builder().limitForPeriod(1)
        .period(Duration.ofHours(1)).build(), ticker);
    noWait.acquirePermit();
    assertThat(noWait.callAsync(() -> java.util.concurrent.CompletableFuture.completedFuture(1))
        .toCompletableFuture()).isCompletedExceptionally(); // rejected at once, nothing waits
  }
}
