package dev.hotpath.resilience;

import dev.hotpath.metrics.FakeTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.junit.jupiter.api.Test;

/**
 * Model checking of the breaker's state machine with Lincheck: every interleaving (up to the
 * configured bound) of concurrent protocol steps — take a permit, report a held permit as a
 * success or a failure, release it, let the open wait pass, read the state — must be explainable
 * by some sequential order of the same steps (linearizability). The generations, the trial
 * counter, the window and the time-driven transitions are all exercised: with a window of 2
 * calls, one failure in two opens it, and one trial call decides HALF_OPEN.
 *
 * <p>A permit is held between operations in its thread's own queue, so that each operation is
 * one protocol step: with one queue shared by the threads, taking a permit out of the queue and
 * reporting it would be two steps that another thread can see apart — a history the first
 * version of this test reported, which says nothing about the breaker.
 */
@Param(name = "thread", gen = ThreadIdGen.class)
public class CircuitBreakerLincheckTest { // public: Lincheck instantiates it reflectively
  private final FakeTicker ticker = new FakeTicker();
  private final CircuitBreaker breaker = CircuitBreaker.of("lincheck", CircuitBreakerConfig.builder()
      .slidingWindow(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED, 2)
      .minimumNumberOfCalls(2).failureRateThreshold(50).permittedCallsInHalfOpenState(1)
      .waitInOpenState(Duration.ofSeconds(1)).maxWaitInHalfOpenState(Duration.ofSeconds(2))
      .eventExecutor(Runnable::run).build(), ticker);
  private final List<ArrayDeque<Permit>> held =
      List.of(new ArrayDeque<>(), new ArrayDeque<>(), new ArrayDeque<>()); // one per thread

  /** A fresh breaker; Lincheck creates one per scenario. */
  public CircuitBreakerLincheckTest() {}

  /** Takes a permit and holds it; false if the breaker refused. */
  @Operation
  public boolean acquire(@Param(name = "thread") int thread) {
    Permit permit = breaker.tryAcquirePermit();
    if (permit == null) {
      return false;
    }
    held.get(thread).addLast(permit);
    return true;
  }

  /** The oldest held call succeeded. */
  @Operation
  public void succeed(@Param(name = "thread") int thread) {
    Permit permit = held.get(thread).pollFirst();
    if (permit != null) {
      permit.onSuccess(1);
    }
  }

  /** The oldest held call failed. */
  @Operation
  public void fail(@Param(name = "thread") int thread) {
    Permit permit = held.get(thread).pollFirst();
    if (permit != null) {
      permit.onError(1, new IOException("down"));
    }
  }

  /** The oldest held call was cancelled. */
  @Operation
  public void release(@Param(name = "thread") int thread) {
    Permit permit = held.get(thread).pollFirst();
    if (permit != null) {
      permit.release();
    }
  }

  /** A second passes: the open wait (and half the half-open wait). */
  @Operation
  public void tick() {
    ticker.advance(Duration.ofSeconds(1));
  }

  /** What a call arriving now would see. */
  @Operation
  public CircuitBreaker.State state() {
    return breaker.state();
  }

  @Test
  void theStateMachineIsLinearizable() {
    new ModelCheckingOptions()
        .iterations(20)
        .invocationsPerIteration(500)
        .threads(2)
        .actorsPerThread(4)
        .check(CircuitBreakerLincheckTest.class);
  }
}
