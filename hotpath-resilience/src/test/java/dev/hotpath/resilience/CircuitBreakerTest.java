package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.FakeTicker;
import dev.hotpath.resilience.CircuitBreaker.State;
import dev.hotpath.resilience.CircuitBreaker.StateTransition;
import dev.hotpath.resilience.CircuitBreakerConfig.SlidingWindowType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<StateTransition> transitions = new ArrayList<>();

  private CircuitBreakerConfig.Builder base() {
    return CircuitBreakerConfig.builder()
        .slidingWindow(SlidingWindowType.COUNT_BASED, 10)
        .minimumNumberOfCalls(4)
        .failureRateThreshold(50)
        .permittedCallsInHalfOpenState(2)
        .waitInOpenState(Duration.ofSeconds(10))
        .slowCallDurationThreshold(Duration.ofSeconds(1))
        .slowCallRateThreshold(50)
        .eventExecutor(Runnable::run);
  }

  private CircuitBreaker breaker(CircuitBreakerConfig config) {
    CircuitBreaker cb = CircuitBreaker.of("test", config, ticker);
    cb.onStateTransition(transitions::add);
    return cb;
  }

  private static void fail(CircuitBreaker cb) {
    assertThatThrownBy(() -> cb.call(() -> {
      throw new IOException("boom");
    })).isInstanceOf(IOException.class);
  }

  private static void succeed(CircuitBreaker cb) throws Exception {
    assertThat(cb.call(() -> "ok")).isEqualTo("ok");
  }

  private void slowSuccess(CircuitBreaker cb) throws Exception {
    cb.call(() -> {
      ticker.advance(Duration.ofSeconds(2));
      return "slow";
    });
  }

  private void open(CircuitBreaker cb) throws Exception {
    for (int i = 0; i < 2; i++) {
      succeed(cb);
    }
    fail(cb);
    assertThat(cb.state()).isEqualTo(State.CLOSED);
    fail(cb); // 2 of 4 = 50 %
    assertThat(cb.state()).isEqualTo(State.OPEN);
  }

  @Test
  void closedStaysClosedBelowMinimumCalls() {
    CircuitBreaker cb = breaker(base().build());
    for (int i = 0; i < 3; i++) {
      fail(cb);
    }
    assertThat(cb.state()).isEqualTo(State.CLOSED);
    fail(cb);
    assertThat(cb.state()).isEqualTo(State.OPEN);
  }

  @Test
  void closedToOpenOnFailureRate() throws Exception {
    CircuitBreaker cb = breaker(base().build());
    open(cb);
    assertThat(transitions).containsExactly(new StateTransition("test", State.CLOSED, State.OPEN));
    assertThatThrownBy(() -> cb.call(() -> "x"))
        .isInstanceOf(CallNotPermittedException.class)
        .hasMessageContaining("'test' is OPEN");
    assertThat(cb.metrics().notPermittedCalls()).isEqualTo(1);
  }

  @Test
  void closedToOpenOnSlowCallRate() throws Exception {
    CircuitBreaker cb = breaker(base().build());
    succeed(cb);
    succeed(cb);
    slowSuccess(cb);
    assertThat(cb.state()).isEqualTo(State.CLOSED);
    slowSuccess(cb);
    assertThat(cb.state()).isEqualTo(State.OPEN);
    assertThat(cb.metrics().slowCalls()).isEqualTo(2);
    assertThat(cb.metrics().failedCalls()).isZero();
  }

  @Test
  void countWindowForgetsOldFailures() throws Exception {
    CircuitBreaker cb = breaker(base().build());
    fail(cb);
    fail(cb);
    fail(cb); // 3 failures, below the minimum of 4 calls
    for (int i = 0; i < 10; i++) {
      succeed(cb); // pushes the failures out of the 10-call window
    }
    fail(cb);
    assertThat(cb.state()).isEqualTo(State.CLOSED);
    assertThat(cb.metrics().failureRatePercent()).isEqualTo(10.0);
  }

  @Test
  void timeWindowForgetsOldSeconds() throws Exception {
    CircuitBreaker cb = breaker(base().slidingWindow(SlidingWindowType.TIME_BASED, 5).build());
    fail(cb);
    fail(cb);
    fail(cb);
    ticker.advance(Duration.ofSeconds(6));
    succeed(cb);
    fail(cb);
    succeed(cb);
    succeed(cb);
    assertThat(cb.state()).isEqualTo(State.CLOSED); // 1 of 4 in the window
    fail(cb);
    assertThat(cb.state()).isEqualTo(State.CLOSED); // 2 of 5 = 40 %
    fail(cb);
    assertThat(cb.state()).isEqualTo(State.OPEN); // 3 of 6
  }

  @Test
  void openToHalfOpenAfterWaitThenClosedWhenTrialsSucceed() throws Exception {
    CircuitBreaker cb = breaker(base().build());
    open(cb);
    ticker.advance(Duration.ofSeconds(9));
    assertThatThrownBy(() -> succeed(cb)).isInstanceOf(CallNotPermittedException.class);
    ticker.advance(Duration.ofSeconds(1));
    succeed(cb);
    assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
    succeed(cb);
    assertThat(cb.state()).isEqualTo(State.CLOSED);
    assertThat(transitions).extracting(StateTransition::to)
        .containsExactly(State.OPEN, State.HALF_OPEN, State.CLOSED);
    assertThat(cb.metrics().callsInWindow()).isZero(); // a fresh window
  }

  @Test
  void halfOpenReopensOnFailedTrial() throws Exception {
    CircuitBreaker cb = breaker(base().build());
    open(cb);
    ticker.advance(Duration.ofSeconds(10));
    fail(cb); // 1 of 2 trials failed = 50 %: decided at once
    assertThat(cb.state()).isEqualTo(State.OPEN);
    assertThatThrownBy(() -> succeed(cb)).isInstanceOf(CallNotPermittedException.class);
  }

  @Test
  void halfOpenReopensOnSlowTrials() throws Exception {
    CircuitBreaker cb = breaker(base().build());
    open(cb);
    ticker.advance(Duration.ofSeconds(10));
    slowSuccess(cb);
    assertThat(cb.state()).isEqualTo(State.OPEN);
  }

  @Test
  void halfOpenAdmitsOnlyTheTrialCallsWhileTheyRun() throws Exception {
    CircuitBreaker cb = breaker(base().build());
    open(cb);
    ticker.advance(Duration.ofSeconds(10));
    Permit a = cb.acquirePermit();
    Permit b = cb.acquirePermit();
    assertThat(cb.tryAcquirePermit()).isNull();
    assertThatThrownBy(cb::acquirePermit).isInstanceOf(CallNotPermittedException.class)
        .hasMessageContaining("HALF_OPEN");
    a.onSuccess(1);
    assertThat(cb.tryAcquirePermit()).isNull(); // a slot is freed only by release, not by a result
    b.onSuccess(1);
    assertThat(cb.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void cancelledTrialPermitIsReleased() throws Exception {
    CircuitBreaker cb = breaker(base().build());
    open(cb);
    ticker.advance(Duration.ofSeconds(10));
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletionStage<String> first = cb.callAsync(() -> pending);
    Permit second = cb.acquirePermit();
    assertThat(cb.tryAcquirePermit()).isNull();
    pending.cancel(true); // the call itself is cancelled
    assertThat(first.toCompletableFuture()).isCompletedExceptionally();
    CompletableFuture<String> never = new CompletableFuture<>();
    CompletableFuture<String> returned = cb.callAsync(() -> never).toCompletableFuture();
    assertThat(cb.tryAcquirePermit()).isNull();
    returned.cancel(true); // the caller gives up on the returned stage
    assertThat(never).isCancelled();
    Permit third = cb.acquirePermit(); // both cancelled slots were freed
    second.onSuccess(1);
    assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
    third.onSuccess(1);
    assertThat(cb.state()).isEqualTo(State.CLOSED);
    assertThat(cb.metrics().ignoredCalls()).isEqualTo(2);
  }

  @Test
  void ignoredExceptionReleasesAndCountsNothing() throws Exception {
    CircuitBreaker cb = breaker(base()
        .ignoreExceptions(e -> e instanceof IllegalArgumentException).build());
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> cb.run(() -> {
        throw new IllegalArgumentException("caller's fault");
      })).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(cb.state()).isEqualTo(State.CLOSED);
    assertThat(cb.metrics().callsInWindow()).isZero();
    assertThat(cb.metrics().ignoredCalls()).isEqualTo(10);
  }

  @Test
  void unrecordedExceptionCountsAsSuccess() {
    CircuitBreaker cb = breaker(base().recordFailure(e -> e instanceof IOException).build());
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> cb.get(() -> {
        throw new IllegalStateException("not a dependency failure");
      })).isInstanceOf(IllegalStateException.class);
    }
    assertThat(cb.state()).isEqualTo(State.CLOSED);
    assertThat(cb.metrics().successfulCalls()).isEqualTo(10);
  }

  @Test
  void resultPredicateCountsFailures() throws Exception {
    CircuitBreaker cb = breaker(base().recordResult(r -> Integer.valueOf(503).equals(r)).build());
    for (int i = 0; i < 4; i++) {
      assertThat(cb.call(() -> 503)).isEqualTo(503);
    }
    assertThat(cb.state()).isEqualTo(State.OPEN);
  }

  @Test
  void lateResultFromClosedDoesNotAffectHalfOpen() throws Exception {
    CircuitBreaker cb = breaker(base().build());
    Permit admittedWhileClosed = cb.acquirePermit();
    open(cb);
    ticker.advance(Duration.ofSeconds(10));
    Permit trial = cb.acquirePermit();
    assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
    admittedWhileClosed.onError(1, new IOException("late")); // would re-open if counted
    assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
    trial.onSuccess(1);
    cb.acquirePermit().onSuccess(1);
    assertThat(cb.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void lateResultFromHalfOpenDoesNotAffectNewClosed() throws Exception {
    CircuitBreaker cb = breaker(base().permittedCallsInHalfOpenState(1).minimumNumberOfCalls(1)
        .build());
    fail(cb);
    assertThat(cb.state()).isEqualTo(State.OPEN);
    ticker.advance(Duration.ofSeconds(10));
    Permit trial = cb.acquirePermit();
    cb.transitionToClosed();
    trial.onError(1, new IOException("late"));
    assertThat(cb.state()).isEqualTo(State.CLOSED);
    assertThat(cb.metrics().callsInWindow()).isZero();
  }

  @Test
  void halfOpenNotStuckWhenTrialPermitNeverReported() throws Exception {
    CircuitBreaker cb = breaker(base().maxWaitInHalfOpenState(Duration.ofSeconds(5)).build());
    open(cb);
    ticker.advance(Duration.ofSeconds(10));
    cb.acquirePermit(); // taken and lost (r4j #903/#935)
    cb.acquirePermit();
    ticker.advance(Duration.ofSeconds(4));
    assertThat(cb.tryAcquirePermit()).isNull();
    assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(cb.tryAcquirePermit()).isNull();
    assertThat(cb.state()).isEqualTo(State.OPEN);
    ticker.advance(Duration.ofSeconds(10));
    succeed(cb);
    succeed(cb);
    assertThat(cb.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void openWaitGrowsOnConsecutiveReopensAndResetsOnClose() throws Exception {
    CircuitBreaker cb = breaker(base().openWaitBackoff(2.0, Duration.ofSeconds(25)).build());
    open(cb);
    ticker.advance(Duration.ofSeconds(10));
    fail(cb); // re-open: wait 20 s
    ticker.advance(Duration.ofSeconds(19));
    assertThat(cb.tryAcquirePermit()).isNull();
    ticker.advance(Duration.ofSeconds(1));
    fail(cb); // re-open: wait min(40, 25) s
    ticker.advance(Duration.ofSeconds(24));
    assertThat(cb.tryAcquirePermit()).isNull();
    ticker.advance(Duration.ofSeconds(1));
    succeed(cb);
    succeed(cb);
    assertThat(cb.state()).isEqualTo(State.CLOSED);
    open(cb);
    ticker.advance(Duration.ofSeconds(10)); // back to the base wait
    succeed(cb);
    assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
  }

  @Test
  void forcedOpenAndDisabled() throws Exception {
    CircuitBreaker cb = breaker(base().build());
    cb.transitionToForcedOpen();
    ticker.advance(Duration.ofHours(1));
    assertThatThrownBy(() -> succeed(cb)).isInstanceOf(CallNotPermittedException.class)
        .satisfies(e -> assertThat(((CallNotPermittedException) e).state())
            .isEqualTo(State.FORCED_OPEN));
    cb.transitionToDisabled();
    for (int i = 0; i < 20; i++) {
      fail(cb);
    }
    assertThat(cb.state()).isEqualTo(State.DISABLED);
    cb.transitionToOpen();
    assertThat(cb.state()).isEqualTo(State.OPEN);
    cb.reset();
    assertThat(cb.state()).isEqualTo(State.CLOSED);
    assertThat(transitions).extracting(StateTransition::to).containsExactly(
        State.FORCED_OPEN, State.DISABLED, State.OPEN, State.CLOSED);
  }

  @Test
  void asyncOutcomesAreRecorded() {
    CircuitBreaker cb = breaker(base().build());
    for (int i = 0; i < 4; i++) {
      CompletionStage<String> s =
          cb.callAsync(() -> CompletableFuture.failedFuture(new IOException("x")));
      assertThat(s.toCompletableFuture()).isCompletedExceptionally();
    }
    assertThat(cb.state()).isEqualTo(State.OPEN);
    CompletionStage<String> rejected = cb.callAsync(() -> CompletableFuture.completedFuture("y"));
    assertThat(rejected.toCompletableFuture()).failsWithin(Duration.ZERO)
        .withThrowableOfType(Exception.class)
        .withCauseInstanceOf(CallNotPermittedException.class);
  }

  @Test
  void rejectionListenerIsCalled() throws Exception {
    CircuitBreaker cb = breaker(base().build());
    List<CallNotPermittedException> rejected = new ArrayList<>();
    cb.onCallNotPermitted(rejected::add);
    open(cb);
    cb.tryAcquirePermit();
    assertThat(rejected).hasSize(1);
  }

  @Test
  void listenersRunOffTheCallersThreadByDefault() throws Exception {
    CircuitBreaker cb = CircuitBreaker.of("events", CircuitBreakerConfig.builder()
        .slidingWindow(SlidingWindowType.COUNT_BASED, 4).minimumNumberOfCalls(4).build(), ticker);
    java.util.concurrent.CompletableFuture<String> thread = new CompletableFuture<>();
    cb.onStateTransition(t -> thread.complete(Thread.currentThread().getName()));
    cb.transitionToOpen();
    assertThat(thread.get(10, java.util.concurrent.TimeUnit.SECONDS))
        .isEqualTo("hotpath-resilience-events")
        .isNotEqualTo(Thread.currentThread().getName());
  }

  @Test
  void failingListenerDoesNotStopOthersNorTheBreaker() {
    CircuitBreaker cb = breaker(base().build());
    cb.onStateTransition(t -> {
      throw new IllegalStateException("listener bug");
    });
    List<StateTransition> after = new ArrayList<>();
    cb.onStateTransition(after::add);
    cb.transitionToForcedOpen();
    assertThat(after).hasSize(1);
    assertThat(cb.state()).isEqualTo(State.FORCED_OPEN);
  }

  @Test
  void configRejectsBadValuesWithClearMessages() {
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().failureRateThreshold(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CircuitBreakerConfig.failureRateThreshold must be in (0.0, 100.0] percent, was 0.0");
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().waitInOpenState(Duration.ZERO).build())
        .hasMessage("CircuitBreakerConfig.waitInOpenState must be > 0, was PT0S");
    assertThatThrownBy(() -> CircuitBreakerConfig.builder()
        .slidingWindow(SlidingWindowType.COUNT_BASED, 10).minimumNumberOfCalls(11).build())
        .hasMessage("CircuitBreakerConfig.minimumNumberOfCalls must be in [1, slidingWindowSize=10]"
            + " for a COUNT_BASED window, was 11");
    assertThatThrownBy(() -> CircuitBreakerConfig.builder()
        .openWaitBackoff(2, Duration.ofSeconds(1)).build())
        .hasMessage("CircuitBreakerConfig.maxWaitInOpenState must be >= waitInOpenState (PT30S),"
            + " was PT1S");
    assertThatThrownBy(() -> CircuitBreakerConfig.builder().recordFailure(null))
        .isInstanceOf(NullPointerException.class).hasMessage("CircuitBreakerConfig.recordFailure");
    CircuitBreakerConfig b = base().build();
    CircuitBreakerConfig c = CircuitBreakerConfig.from(b).failureRateThreshold(20).build();
    assertThat(c.failureRateThreshold()).isEqualTo(20);
    assertThat(c.minimumNumberOfCalls()).isEqualTo(4);
    assertThat(CircuitBreakerConfig.from(b).build()).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(c).isNotEqualTo(b);
    assertThat(c.toString()).contains("failureRate=20.0%");
  }

  // ---- issue 17 -------------------------------------------------------------------------------

  @Test
  void asyncNullStageFreesTheHalfOpenTrial() {
    CircuitBreaker cb = breaker(base().permittedCallsInHalfOpenState(1).build());
    cb.transitionToOpen();
    ticker.advance(Duration.ofSeconds(10));
    assertThat(cb.<String>callAsync(() -> null).toCompletableFuture()).isCompletedExceptionally();
    assertThat(cb.tryAcquirePermit()).isNotNull(); // the trial slot came back at once
    assertThat(cb.metrics().failedCalls()).isZero(); // the caller's mistake, not a failure
  }

  @Test
  void aResultPredicateThatThrowsFreesTheTrialAndStillCompletesTheStage() {
    CircuitBreaker cb = breaker(base().permittedCallsInHalfOpenState(1)
        .recordResult(r -> {
          throw new IllegalStateException("predicate bug");
        }).build());
    cb.transitionToOpen();
    ticker.advance(Duration.ofSeconds(10));
    CompletableFuture<String> out = cb.callAsync(() -> CompletableFuture.completedFuture("x"))
        .toCompletableFuture();
    assertThat(out).isDone(); // used to hang forever
    assertThatThrownBy(out::join).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(cb.tryAcquirePermit()).isNotNull();
  }

  @Test
  void anExceptionPredicateThatThrowsFreesThePermitAndKeepsTheCallsException() {
    CircuitBreaker cb = breaker(base().permittedCallsInHalfOpenState(1)
        .recordFailure(e -> {
          throw new IllegalStateException("predicate bug");
        }).build());
    cb.transitionToOpen();
    ticker.advance(Duration.ofSeconds(10));
    assertThatThrownBy(() -> cb.call(() -> {
      throw new IOException("the call's own failure");
    })).isInstanceOf(IllegalStateException.class)
        .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
            .isInstanceOf(IOException.class));
    assertThat(cb.tryAcquirePermit()).isNotNull();
  }

  @Test
  void stateReportsWhatACallWouldSee() {
    CircuitBreaker cb = breaker(base().maxWaitInHalfOpenState(Duration.ofSeconds(5)).build());
    cb.transitionToOpen();
    ticker.advance(Duration.ofSeconds(9));
    assertThat(cb.state()).isEqualTo(State.OPEN);
    ticker.advance(Duration.ofSeconds(1)); // the open wait has passed: a call would be a trial
    assertThat(cb.state()).isEqualTo(State.HALF_OPEN);
    assertThat(transitions).extracting(StateTransition::to)
        .containsExactly(State.OPEN, State.HALF_OPEN); // published when it became visible
    cb.acquirePermit();
    cb.acquirePermit(); // both trials out, never reported
    ticker.advance(Duration.ofSeconds(5));
    assertThat(cb.state()).isEqualTo(State.OPEN); // a call now would be rejected
    assertThat(cb.toString()).contains("OPEN");
  }

  @Test
  void rejectionsFromInnerGuardsAreIgnoredByDefaultAndCountedOnRequest() {
    CircuitBreaker cb = breaker(base().build());
    for (int i = 0; i < 20; i++) {
      assertThatThrownBy(() -> cb.run(() -> {
        throw new BulkheadFullException("inner", "full");
      })).isInstanceOf(BulkheadFullException.class);
    }
    assertThat(cb.state()).isEqualTo(State.CLOSED);
    assertThat(cb.metrics().ignoredCalls()).isEqualTo(20);
    CircuitBreaker counting = breaker(base().recordRejectedCalls(true).build());
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> counting.run(() -> {
        throw new RequestNotPermittedException("inner", "quota");
      })).isInstanceOf(RequestNotPermittedException.class);
    }
    assertThat(counting.state()).isEqualTo(State.OPEN);
  }

  @Test
  void aPermitReportedTwiceCountsOnce() throws Exception {
    CircuitBreaker cb = breaker(base().permittedCallsInHalfOpenState(2).build());
    open(cb);
    ticker.advance(Duration.ofSeconds(10));
    Permit p = cb.acquirePermit();
    p.release();
    p.release(); // a second release would hand out a third trial slot
    p.onError(1, new IOException("late"));
    cb.acquirePermit();
    cb.acquirePermit();
    assertThat(cb.tryAcquirePermit()).isNull();
  }
}
