package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.metrics.FakeTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hammers the real objects from many threads, platform and virtual, and checks the invariants:
 * permits in use never exceed the bound, none leak, and the counts add up.
 */
class ConcurrencyStressTest {
  private static final int THREADS = 16;

  private static void runAll(boolean virtual, int threads, Runnable body) throws Exception {
    Hammer.runAll(virtual, threads, i -> body.run());
  }

  @ParameterizedTest(name = "virtual={0}")
  @ValueSource(booleans = {false, true})
  void bulkheadNeverExceedsBoundNorLeaks(boolean virtual) throws Exception {
    Bulkhead bh = Bulkhead.of("stress", BulkheadConfig.builder().maxConcurrentCalls(4)
        .maxWait(Duration.ofMillis(1)).build());
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    LongAdder done = new LongAdder();
    LongAdder rejected = new LongAdder();
    int perThread = 10_000;
    runAll(virtual, THREADS, () -> {
      for (int i = 0; i < perThread; i++) {
        try {
          bh.run(() -> {
            int n = inside.incrementAndGet();
            maxInside.accumulateAndGet(n, Math::max);
            if ((n & 7) == 0) {
              Thread.yield();
            }
            inside.decrementAndGet();
            if (ThreadLocalRandom.current().nextInt(50) == 0) {
              throw new IllegalStateException("call failed");
            }
          });
          done.increment();
        } catch (BulkheadFullException e) {
          rejected.increment();
        } catch (IllegalStateException e) {
          done.increment();
        }
      }
    });
    assertThat(maxInside.get()).isLessThanOrEqualTo(4).isPositive();
    assertThat(bh.availablePermits()).isEqualTo(4);
    assertThat(done.sum() + rejected.sum()).isEqualTo((long) THREADS * perThread);
    assertThat(bh.rejectedCalls()).isEqualTo(rejected.sum());
  }

  @ParameterizedTest(name = "virtual={0}")
  @ValueSource(booleans = {false, true})
  void breakerCountsAddUpWhileItCyclesThroughItsStates(boolean virtual) throws Exception {
    FakeTicker ticker = new FakeTicker();
    CircuitBreaker cb = CircuitBreaker.of("stress", CircuitBreakerConfig.builder()
        .slidingWindow(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED, 50)
        .minimumNumberOfCalls(50).failureRateThreshold(30).permittedCallsInHalfOpenState(3)
        .waitInOpenState(Duration.ofMillis(1)).eventExecutor(Runnable::run).build(), ticker);
    LongAdder attempted = new LongAdder();
    int perThread = 30_000;
    runAll(virtual, THREADS, () -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < perThread; i++) {
        attempted.increment();
        if ((i & 255) == 0) {
          ticker.advance(Duration.ofMillis(1)); // lets OPEN turn HALF_OPEN again and again
        }
        boolean fail = random.nextInt(100) < 40;
        Permit p = cb.tryAcquirePermit();
        if (p == null) {
          continue;
        }
        if (fail) {
          p.onError(1, new IOException("x"));
        } else if (random.nextInt(20) == 0) {
          p.release();
        } else {
          p.onSuccess(1);
        }
      }
    });
    CircuitBreaker.Metrics m = cb.metrics();
    assertThat(m.successfulCalls() + m.failedCalls() + m.ignoredCalls() + m.notPermittedCalls())
        .isEqualTo(attempted.sum());
    assertThat(m.notPermittedCalls()).isPositive(); // it did open under 40 % failures
  }

  @ParameterizedTest(name = "virtual={0}")
  @ValueSource(booleans = {false, true})
  void halfOpenNeverAdmitsMoreThanPermittedAcrossTheOpenToHalfOpenRace(boolean virtual)
      throws Exception {
    for (int round = 0; round < 200; round++) {
      FakeTicker ticker = new FakeTicker();
      CircuitBreaker cb = CircuitBreaker.of("race", CircuitBreakerConfig.builder()
          .permittedCallsInHalfOpenState(2).waitInOpenState(Duration.ofSeconds(1))
          .eventExecutor(Runnable::run).build(), ticker);
      cb.transitionToOpen();
      ticker.advance(Duration.ofSeconds(1));
      AtomicInteger admitted = new AtomicInteger();
      runAll(virtual, 8, () -> {
        if (cb.tryAcquirePermit() != null) {
          admitted.incrementAndGet(); // permits are never reported: HALF_OPEN stays full
        }
      });
      assertThat(admitted.get()).as("round %d", round).isEqualTo(2);
      assertThat(cb.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }
  }

  @ParameterizedTest(name = "virtual={0}")
  @ValueSource(booleans = {false, true})
  void adaptiveLimiterNeverExceedsLimitNorLeaks(boolean virtual) throws Exception {
    AdaptiveLimiter limiter = AdaptiveLimiter.of("stress", AdaptiveLimiterConfig.builder()
        .algorithm(AdaptiveLimiterConfig.Algorithm.AIMD).limits(4, 4, 4).build());
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    LongAdder ok = new LongAdder();
    LongAdder shed = new LongAdder();
    runAll(virtual, THREADS, () -> {
      for (int i = 0; i < 20_000; i++) {
        try {
          limiter.run(() -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            Thread.yield();
            inside.decrementAndGet();
          });
          ok.increment();
        } catch (LimitExceededException e) {
          shed.increment();
        }
      }
    });
    assertThat(maxInside.get()).isLessThanOrEqualTo(4);
    assertThat(limiter.inFlight()).isZero();
    assertThat(ok.sum() + shed.sum()).isEqualTo(THREADS * 20_000L);
    assertThat(limiter.rejectedCalls()).isEqualTo(shed.sum());
  }

  @ParameterizedTest(name = "virtual={0}")
  @ValueSource(booleans = {false, true})
  void rateLimiterNeverExceedsBurstPlusRate(boolean virtual) throws Exception {
    FakeTicker ticker = new FakeTicker();
    RateLimiter limiter = RateLimiter.of("stress", RateLimiterConfig.builder()
        .limitForPeriod(100).period(Duration.ofSeconds(1)).burst(10).build(), ticker);
    LongAdder granted = new LongAdder();
    AtomicInteger steps = new AtomicInteger();
    runAll(virtual, THREADS, () -> {
      for (int i = 0; i < 5_000; i++) {
        if (limiter.tryAcquirePermit() != null) {
          granted.increment();
        }
        if (i % 100 == 0) {
          ticker.advance(Duration.ofMillis(1));
          steps.incrementAndGet();
        }
      }
    });
    long elapsedMs = steps.get();
    // 100/s = one per 10 ms, plus the burst of 10
    assertThat(granted.sum()).isLessThanOrEqualTo(10 + elapsedMs / 10 + 1);
    assertThat(granted.sum()).isGreaterThanOrEqualTo(elapsedMs / 10 - 1);
  }

  @ParameterizedTest(name = "virtual={0}")
  @ValueSource(booleans = {false, true})
  void executorBulkheadBoundsRunningAndReleasesEverything(boolean virtual) throws Exception {
    ExecutorBulkheadConfig config = ExecutorBulkheadTest.config(3, 20,
        virtual ? ExecutorBulkheadConfig.ThreadKind.VIRTUAL : ExecutorBulkheadConfig.ThreadKind.PLATFORM,
        Duration.ofSeconds(30), Duration.ZERO);
    try (ExecutorBulkhead bh = ExecutorBulkhead.of("stress", config)) {
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger maxInside = new AtomicInteger();
      LongAdder ok = new LongAdder();
      LongAdder full = new LongAdder();
      runAll(virtual, 8, () -> {
        for (int i = 0; i < 2_000; i++) {
          var f = bh.submit(() -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            Thread.yield();
            inside.decrementAndGet();
            return 1;
          });
          try {
            f.join();
            ok.increment();
          } catch (java.util.concurrent.CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(BulkheadFullException.class);
            full.increment();
          }
        }
      });
      assertThat(maxInside.get()).isLessThanOrEqualTo(3);
      assertThat(ok.sum() + full.sum()).isEqualTo(16_000);
      assertThat(bh.availableSlots()).isEqualTo(23);
      assertThat(bh.activeCalls()).isZero();
    }
  }
}
