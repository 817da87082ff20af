package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.metrics.FakeTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The permit protocol under thousands of threads, platform and virtual. Each call ends in one of
 * the ways a real one can — success, failure, a rejection by an inner guard, a null stage, a
 * supplier that throws, a stage that fails later, a caller that cancels, a permit reported twice
 * by hand — and through all of them every permit comes back exactly once, the bound on calls
 * inside is never exceeded, and each guard's counts add up to the calls made.
 */
class GuardProtocolStressTest {
  private static final int PLATFORM_THREADS = 1_000;
  private static final int VIRTUAL_THREADS = 2_000;
  private static final int CALLS_PER_THREAD = 100;
  private static final IOException DOWN = new IOException("dependency down");
  private static final RequestNotPermittedException INNER =
      new RequestNotPermittedException("inner", "refused further in");

  /** What the callers saw, and how many calls were inside a guard at once. */
  private static final class Tally {
    final LongAdder attempts = new LongAdder();
    final LongAdder rejected = new LongAdder(); // refused by the guard under test
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger maxInside = new AtomicInteger();

    void enter() {
      maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
    }

    void leave() {
      inside.decrementAndGet();
    }
  }

  private static int threads(boolean virtual) {
    return virtual ? VIRTUAL_THREADS : PLATFORM_THREADS;
  }

  /** One call through {@code guard}, ended in a randomly chosen way. */
  private static void oneCall(PermitGuard guard, Tally tally, ThreadLocalRandom random) {
    tally.attempts.increment();
    int mode = random.nextInt(10);
    try {
      switch (mode) {
        case 0 -> guard.call(() -> {
          tally.enter();
          Thread.yield();
          tally.leave();
          return "ok";
        });
        case 1 -> guard.call(() -> {
          tally.enter();
          tally.leave();
          throw DOWN;
        });
        case 2 -> guard.get(() -> {
          tally.enter();
          tally.leave();
          throw INNER; // a guard inside this one refused: must not count as a failure
        });
        case 3 -> guard.run(() -> {
          tally.enter();
          tally.leave();
        });
        case 4 -> guard.callAsync(() -> {
          tally.enter();
          tally.leave();
          return CompletableFuture.completedFuture("ok");
        }).toCompletableFuture().join();
        case 5 -> guard.callAsync(() -> CompletableFuture.failedFuture(DOWN))
            .toCompletableFuture().join();
        case 6 -> guard.<String>callAsync(() -> null).toCompletableFuture().join();
        case 7 -> guard.<String>callAsync(() -> {
          throw new IllegalStateException("supplier bug");
        }).toCompletableFuture().join();
        case 8 -> {
          CompletableFuture<String> pending = new CompletableFuture<>();
          CompletableFuture<String> out = guard.callAsync(() -> pending).toCompletableFuture();
          Thread.yield();
          switch (random.nextInt(3)) {
            case 0 -> pending.complete("late");
            case 1 -> pending.completeExceptionally(DOWN);
            default -> out.cancel(true); // the caller gives up (a time limiter would)
          }
          out.join();
        }
        default -> byHand(guard, tally, random);
      }
    } catch (RejectedCallException e) {
      countRejection(guard, tally, e);
    } catch (CompletionException e) {
      if (e.getCause() instanceof RejectedCallException r) {
        countRejection(guard, tally, r);
      }
    } catch (Exception | Error e) {
      // the call's own failure, a null-stage NPE, a cancellation: expected outcomes
      if (!(e instanceof IOException || e instanceof IllegalStateException
          || e instanceof CancellationException)) {
        throw new AssertionError("unexpected outcome of mode " + mode, e);
      }
    }
  }

  private static void countRejection(PermitGuard guard, Tally tally, RejectedCallException e) {
    if (e.guardName().equals(guard.name())) {
      tally.rejected.increment();
    }
  }

  private static void byHand(PermitGuard guard, Tally tally, ThreadLocalRandom random) {
    Permit permit = guard.tryAcquirePermit();
    if (permit == null) {
      tally.rejected.increment();
      return;
    }
    tally.enter();
    tally.leave();
    int reports = random.nextInt(10) == 0 ? 2 : 1; // now and then a caller reports twice
    for (int r = 0; r < reports; r++) {
      switch (random.nextInt(5)) {
        case 0 -> permit.onSuccess(1);
        case 1 -> permit.onResult(1, "ok");
        case 2 -> permit.onError(1, DOWN);
        case 3 -> permit.onError(1, INNER);
        default -> permit.release();
      }
    }
  }

  @ParameterizedTest(name = "virtual={0}")
  @ValueSource(booleans = {false, true})
  void bulkheadPermitsAllComeBackAndTheBoundHolds(boolean virtual) throws Exception {
    // a 1 ms wait sends async calls that find no permit to a waiting virtual thread
    Bulkhead bh = Bulkhead.of("bulkhead", BulkheadConfig.builder().maxConcurrentCalls(8)
        .maxWait(Duration.ofMillis(1)).build());
    Tally tally = new Tally();
    Hammer.runAll(virtual, threads(virtual), t -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < CALLS_PER_THREAD; i++) {
        oneCall(bh, tally, random);
      }
    });
    assertThat(Hammer.eventually(() -> bh.availablePermits() == 8))
        .as("all 8 permits back, %s free", bh.availablePermits()).isTrue();
    assertThat(tally.maxInside.get()).isBetween(1, 8);
    assertThat(tally.attempts.sum()).isEqualTo((long) threads(virtual) * CALLS_PER_THREAD);
    // a waiter whose caller gave up is rejected unseen, so the guard counts at least as many
    assertThat(bh.rejectedCalls()).isGreaterThanOrEqualTo(tally.rejected.sum());
  }

  @ParameterizedTest(name = "virtual={0}")
  @ValueSource(booleans = {false, true})
  void adaptiveLimiterSlotsAllComeBackAndTheLimitHolds(boolean virtual) throws Exception {
    AdaptiveLimiter al = AdaptiveLimiter.of("adaptive", AdaptiveLimiterConfig.builder()
        .algorithm(AdaptiveLimiterConfig.Algorithm.AIMD).limits(8, 8, 8).build());
    Tally tally = new Tally();
    Hammer.runAll(virtual, threads(virtual), t -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < CALLS_PER_THREAD; i++) {
        oneCall(al, tally, random);
      }
    });
    assertThat(al.inFlight()).isZero();
    assertThat(tally.maxInside.get()).isBetween(1, 8);
    assertThat(al.rejectedCalls()).isEqualTo(tally.rejected.sum()).isPositive();
  }

  @ParameterizedTest(name = "virtual={0}")
  @ValueSource(booleans = {false, true})
  void breakerCountsAddUpAndNoTrialSlotLeaks(boolean virtual) throws Exception {
    FakeTicker ticker = new FakeTicker();
    CircuitBreaker cb = CircuitBreaker.of("breaker", CircuitBreakerConfig.builder()
        .slidingWindow(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED, 20)
        .minimumNumberOfCalls(10).failureRateThreshold(50).permittedCallsInHalfOpenState(3)
        .waitInOpenState(Duration.ofMillis(1))
        .maxWaitInHalfOpenState(Duration.ofHours(1)) // a leaked trial would wedge HALF_OPEN
        .eventExecutor(Runnable::run).build(), ticker);
    Tally tally = new Tally();
    Hammer.runAll(virtual, threads(virtual), t -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < CALLS_PER_THREAD; i++) {
        if (random.nextInt(40) == 0) {
          ticker.advance(Duration.ofMillis(1)); // OPEN turns HALF_OPEN again and again
        }
        oneCall(cb, tally, random);
      }
    });
    CircuitBreaker.Metrics m = cb.metrics();
    assertThat(m.successfulCalls() + m.failedCalls() + m.ignoredCalls() + m.notPermittedCalls())
        .as("%s", m).isEqualTo(tally.attempts.sum());
    assertThat(m.notPermittedCalls()).isEqualTo(tally.rejected.sum()).isPositive();
    // every trial slot came back: the breaker can still be walked to CLOSED by trial calls
    for (int step = 0; step < 100 && cb.state() != CircuitBreaker.State.CLOSED; step++) {
      ticker.advance(Duration.ofMillis(1));
      Permit trial = cb.tryAcquirePermit();
      if (trial != null) {
        trial.onSuccess(0);
      }
    }
    assertThat(cb.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @ParameterizedTest(name = "virtual={0}")
  @ValueSource(booleans = {false, true})
  void rateLimiterGrantsAtMostItsRateAndEveryCallIsGrantedOrRejected(boolean virtual)
      throws Exception {
    FakeTicker ticker = new FakeTicker();
    long start = ticker.read();
    RateLimiter rl = RateLimiter.of("rate", RateLimiterConfig.builder().limitForPeriod(1000)
        .period(Duration.ofSeconds(1)).burst(5).build(), ticker);
    Tally tally = new Tally();
    Hammer.runAll(virtual, threads(virtual), t -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < CALLS_PER_THREAD; i++) {
        if (random.nextInt(20) == 0) {
          ticker.advance(Duration.ofMillis(1));
        }
        oneCall(rl, tally, random);
      }
    });
    long granted = tally.attempts.sum() - tally.rejected.sum();
    long elapsedMs = (ticker.read() - start) / 1_000_000;
    assertThat(rl.rejectedCalls()).isEqualTo(tally.rejected.sum()); // no wait: none unseen
    assertThat(granted).isPositive().isLessThanOrEqualTo(5 + elapsedMs);
  }
}
