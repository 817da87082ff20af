package dev.hotpath.resilience;

import dev.hotpath.metrics.Ticker;
import dev.hotpath.resilience.internal.CallWindow;
import dev.hotpath.resilience.internal.Checks;
import dev.hotpath.resilience.internal.CountWindow;
import dev.hotpath.resilience.internal.EventDispatcher;
import dev.hotpath.resilience.internal.TimeWindow;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A circuit breaker: stops calling a dependency that is failing or slow, and lets a bounded
 * number of trial calls through to find out when it has recovered.
 *
 * <p>States: CLOSED (calls pass; outcomes go into a sliding window), OPEN (calls are rejected with
 * {@link CallNotPermittedException} until {@code waitInOpenState} has passed), HALF_OPEN (exactly
 * {@code permittedCallsInHalfOpenState} trial calls pass; once they have reported the breaker
 * closes, or re-opens as soon as the failure or slow rate among them reaches the threshold),
 * plus FORCED_OPEN and DISABLED set by hand.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>No lock is held while the protected call runs; the state machine is lock-free.
 *   <li>Each state is a generation: a permit belongs to the generation that issued it, and the
 *       result of a call admitted in an earlier generation (a late result) never changes the
 *       current state.
 *   <li>HALF_OPEN admits at most {@code permittedCallsInHalfOpenState} calls at a time, however
 *       many threads race the OPEN→HALF_OPEN transition (only one thread installs the generation).
 *   <li>A permit released (call cancelled, or its exception ignored) frees its trial slot; a trial
 *       permit that is never reported cannot wedge HALF_OPEN for longer than {@code
 *       maxWaitInHalfOpenState}.
 *   <li>In CLOSED state the success path allocates nothing.
 * </ul>
 *
 * <p>Thread-safe. Listeners are called on the config's event executor, never on the caller's
 * thread (unless that executor is direct).
 *
 * <pre>{@code
 * CircuitBreaker breaker = CircuitBreaker.of("inventory", CircuitBreakerConfig.ofDefaults());
 * breaker.onStateTransition(t -> log.info(t.toString()));
 * Stock stock = breaker.call(() -> inventory.fetch(sku)); // throws CallNotPermittedException when open
 * }</pre>
 */
public final class CircuitBreaker {

  /** The states of a breaker. */
  public enum State {
    /** Calls pass and are counted in the sliding window. */
    CLOSED,
    /** Calls are rejected until the open wait has passed. */
    OPEN,
    /** A bounded number of trial calls pass; their outcome closes or re-opens the breaker. */
    HALF_OPEN,
    /** Set by hand: every call is rejected until another manual transition. */
    FORCED_OPEN,
    /** Set by hand: every call passes and nothing is counted. */
    DISABLED
  }

  /** An event: breaker {@code breakerName} went from {@code from} to {@code to}. */
  public record StateTransition(String breakerName, State from, State to) {}

  /**
   * The right to make one call, for callers that cannot wrap the call in a lambda. Report it
   * exactly once: {@code onSuccess}, {@code onResult}, {@code onError}, or {@code release} if the
   * call was cancelled or never made.
   *
   * <pre>{@code
   * CircuitBreaker.Permit permit = breaker.acquirePermit();
   * long start = System.nanoTime();
   * try { use(client.send()); permit.onSuccess(System.nanoTime() - start); }
   * catch (IOException e) { permit.onError(System.nanoTime() - start, e); throw e; }
   * }</pre>
   */
  public interface Permit {
    /** The call succeeded after {@code durationNanos}. */
    void onSuccess(long durationNanos);

    /** The call returned {@code result} after {@code durationNanos}; the result predicate decides. */
    void onResult(long durationNanos, @Nullable Object result);

    /** The call failed with {@code error}; the exception predicates decide how it counts. */
    void onError(long durationNanos, Throwable error);

    /** The call was cancelled or not made: counts nothing and frees the slot. */
    void release();
  }

  private static final VarHandle PHASE;

  static {
    try {
      PHASE = MethodHandles.lookup().findVarHandle(CircuitBreaker.class, "phase", Phase.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final CircuitBreakerConfig config;
  private final Ticker ticker;
  private final long slowNanos;
  private final long baseOpenWaitNanos;
  private final long maxOpenWaitNanos;
  private final long maxHalfOpenNanos;
  private final int minimumCalls;
  private final double failurePct;
  private final double slowPct;
  private final int trialCalls;
  private final CallNotPermittedException rejectedOpen;
  private final CallNotPermittedException rejectedHalfOpen;
  private final CallNotPermittedException rejectedForcedOpen;
  private final EventDispatcher<StateTransition> transitions;
  private final EventDispatcher<CallNotPermittedException> rejections;

  private final LongAdder successful = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder slow = new LongAdder();
  private final LongAdder ignored = new LongAdder();
  private final LongAdder notPermitted = new LongAdder();

  @SuppressWarnings("unused") // accessed through PHASE
  private volatile Phase phase;

  private CircuitBreaker(String name, CircuitBreakerConfig config, Ticker ticker) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.slowNanos = Checks.saturatedNanos(config.slowCallDurationThreshold());
    this.baseOpenWaitNanos = Checks.saturatedNanos(config.waitInOpenState());
    this.maxOpenWaitNanos = Checks.saturatedNanos(config.maxWaitInOpenState());
    this.maxHalfOpenNanos = Checks.saturatedNanos(config.maxWaitInHalfOpenState());
    this.minimumCalls = config.minimumNumberOfCalls();
    this.failurePct = config.failureRateThreshold();
    this.slowPct = config.slowCallRateThreshold();
    this.trialCalls = config.permittedCallsInHalfOpenState();
    this.rejectedOpen = new CallNotPermittedException(name, State.OPEN);
    this.rejectedHalfOpen = new CallNotPermittedException(name, State.HALF_OPEN);
    this.rejectedForcedOpen = new CallNotPermittedException(name, State.FORCED_OPEN);
    this.transitions = new EventDispatcher<>(config.eventExecutor());
    this.rejections = new EventDispatcher<>(config.eventExecutor());
    this.phase = closed(ticker.read());
  }

  /** A breaker reading time from {@link Ticker#system()}. */
  public static CircuitBreaker of(String name, CircuitBreakerConfig config) {
    return new CircuitBreaker(name, config, Ticker.system());
  }

  /** A breaker reading time from {@code ticker} (a {@code FakeTicker} in tests). */
  public static CircuitBreaker of(String name, CircuitBreakerConfig config, Ticker ticker) {
    return new CircuitBreaker(name, config, ticker);
  }

  /** The breaker's name. */
  public String name() {
    return name;
  }

  /** The breaker's settings. */
  public CircuitBreakerConfig config() {
    return config;
  }

  /**
   * The current state. OPEN is reported until a call arrives after the open wait (the transition
   * to HALF_OPEN happens on that call, not on a timer).
   */
  public State state() {
    return current().state;
  }

  /** Registers a listener for state transitions, delivered on the config's event executor. */
  public void onStateTransition(Consumer<StateTransition> listener) {
    transitions.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Registers a listener for rejected calls, delivered on the config's event executor. */
  public void onCallNotPermitted(Consumer<CallNotPermittedException> listener) {
    rejections.add(Objects.requireNonNull(listener, "listener"));
  }

  // ---- protected calls -------------------------------------------------------------------------

  /**
   * Runs {@code callable} if permitted and records its outcome.
   *
   * @throws CallNotPermittedException if the breaker rejects the call
   * @throws Exception whatever {@code callable} throws
   */
  public <T extends @Nullable Object> T call(Callable<T> callable) throws Exception {
    Phase p = acquire();
    long start = ticker.read();
    T result;
    try {
      result = callable.call();
    } catch (Throwable t) {
      p.onError(ticker.read() - start, t);
      throw t;
    }
    p.onResult(ticker.read() - start, result);
    return result;
  }

  /** Like {@link #call} for a {@link Supplier}: unchecked exceptions only. */
  public <T extends @Nullable Object> T get(Supplier<T> supplier) {
    Phase p = acquire();
    long start = ticker.read();
    T result;
    try {
      result = supplier.get();
    } catch (Throwable t) {
      p.onError(ticker.read() - start, t);
      throw t;
    }
    p.onResult(ticker.read() - start, result);
    return result;
  }

  /** Like {@link #call} for a {@link Runnable}. */
  public void run(Runnable runnable) {
    Phase p = acquire();
    long start = ticker.read();
    try {
      runnable.run();
    } catch (Throwable t) {
      p.onError(ticker.read() - start, t);
      throw t;
    }
    p.onSuccess(ticker.read() - start);
  }

  /**
   * Starts the asynchronous call if permitted and records its outcome when the stage completes.
   * A stage that completes with a {@link CancellationException} releases its permit. Rejection
   * returns a failed stage with {@link CallNotPermittedException}; nothing is thrown.
   */
  public <T extends @Nullable Object> CompletionStage<T> callAsync(
      Supplier<? extends CompletionStage<T>> supplier) {
    Phase p = tryAcquire();
    if (p == null) {
      return CompletableFuture.failedFuture(rejection(current().state));
    }
    long start = ticker.read();
    CompletionStage<T> stage;
    try {
      stage = supplier.get();
    } catch (Throwable t) {
      p.onError(ticker.read() - start, t);
      return CompletableFuture.failedFuture(t);
    }
    // Report exactly once: when the stage completes, or when the caller cancels the returned one.
    AtomicBoolean reported = new AtomicBoolean();
    CompletableFuture<T> out = new CompletableFuture<>();
    CompletionStage<T> unused = stage.whenComplete((result, error) -> {
      if (reported.compareAndSet(false, true)) {
        long duration = ticker.read() - start;
        if (error == null) {
          p.onResult(duration, result);
        } else {
          Throwable cause = unwrap(error);
          if (cause instanceof CancellationException) {
            p.release();
          } else {
            p.onError(duration, cause);
          }
        }
      }
      if (error == null) {
        out.complete(result);
      } else {
        out.completeExceptionally(unwrap(error));
      }
    });
    CompletableFuture<T> unused2 = out.whenComplete((result, error) -> {
      if (out.isCancelled() && reported.compareAndSet(false, true)) {
        p.release();
        cancelQuietly(stage);
      }
    });
    return out;
  }

  static Throwable unwrap(Throwable error) {
    Throwable cause = error.getCause();
    return error instanceof CompletionException && cause != null ? cause : error;
  }

  static void cancelQuietly(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().cancel(true);
    } catch (UnsupportedOperationException e) {
      // a stage that cannot be cancelled runs to its end; its permit is already released
    }
  }

  /**
   * Takes a permit for one call.
   *
   * @throws CallNotPermittedException if the breaker rejects the call
   */
  public Permit acquirePermit() {
    return acquire();
  }

  /** Takes a permit for one call, or returns null if the breaker rejects it (counted and published). */
  public @Nullable Permit tryAcquirePermit() {
    return tryAcquire();
  }

  // ---- manual transitions ----------------------------------------------------------------------

  /** Rejects every call until another manual transition. */
  public void transitionToForcedOpen() {
    force(State.FORCED_OPEN);
  }

  /** Lets every call through uncounted until another manual transition. */
  public void transitionToDisabled() {
    force(State.DISABLED);
  }

  /** Opens now, as if the threshold had been reached (the open wait starts now). */
  public void transitionToOpen() {
    force(State.OPEN);
  }

  /** Closes with an empty window and resets the growing open wait. */
  public void transitionToClosed() {
    force(State.CLOSED);
  }

  /** Same as {@link #transitionToClosed()}. */
  public void reset() {
    force(State.CLOSED);
  }

  // ---- metrics ---------------------------------------------------------------------------------

  /** A snapshot of this breaker's counters since creation, and the current window. */
  public record Metrics(
      long successfulCalls, long failedCalls, long slowCalls, long ignoredCalls,
      long notPermittedCalls, long callsInWindow, double failureRatePercent,
      double slowCallRatePercent) {}

  /** Reads the counters; allocates a small record, so not for the hot path. */
  public Metrics metrics() {
    Phase p = current();
    long now = ticker.read();
    long calls = 0;
    double failureRate = -1;
    double slowRate = -1;
    if (p.window != null) {
      calls = p.window.calls(now);
      long bad = p.window.badCounts(now);
      if (calls > 0) {
        failureRate = CallWindow.failed(bad) * 100.0 / calls;
        slowRate = CallWindow.slow(bad) * 100.0 / calls;
      }
    }
    return new Metrics(successful.sum(), failed.sum(), slow.sum(), ignored.sum(),
        notPermitted.sum(), calls, failureRate, slowRate);
  }

  @Override
  public String toString() {
    return "CircuitBreaker{" + name + ", " + state() + "}";
  }

  // ---- state machine ---------------------------------------------------------------------------

  private Phase current() {
    return (Phase) PHASE.getAcquire(this);
  }

  private Phase acquire() {
    Phase p = current();
    if (p.state == State.CLOSED || p.state == State.DISABLED) {
      return p; // fast path: no allocation, no CAS
    }
    Phase admitted = tryAcquire();
    if (admitted == null) {
      throw rejection(current().state);
    }
    return admitted;
  }

  private CallNotPermittedException rejection(State state) {
    return switch (state) {
      case HALF_OPEN -> rejectedHalfOpen;
      case FORCED_OPEN -> rejectedForcedOpen;
      default -> rejectedOpen;
    };
  }

  private @Nullable Phase tryAcquire() {
    while (true) {
      Phase p = current();
      switch (p.state) {
        case CLOSED, DISABLED -> {
          return p;
        }
        case FORCED_OPEN -> {
          return reject(p);
        }
        case OPEN -> {
          long now = ticker.read();
          if (now - p.since < p.openWaitNanos) {
            return reject(p);
          }
          transition(p, halfOpen(now, p.reopens, p.openWaitNanos)); // loser re-reads the winner's
        }
        case HALF_OPEN -> {
          if (p.takeTrial()) {
            return p;
          }
          long now = ticker.read();
          if (now - p.since >= maxHalfOpenNanos) {
            // trial permits taken but not reported in time (lost, or calls hung): re-open
            transition(p, reopen(now, p));
            continue;
          }
          return reject(p);
        }
      }
    }
  }

  private @Nullable Phase reject(Phase p) {
    notPermitted.increment();
    if (rejections.hasListeners()) {
      rejections.publish(rejection(p.state));
    }
    return null;
  }

  private boolean transition(Phase from, Phase to) {
    if (!PHASE.compareAndSet(this, from, to)) {
      return false;
    }
    if (transitions.hasListeners()) {
      transitions.publish(new StateTransition(name, from.state, to.state));
    }
    return true;
  }

  private void force(State state) {
    while (true) {
      Phase p = current();
      long now = ticker.read();
      Phase next = switch (state) {
        case CLOSED -> closed(now);
        case OPEN -> new Phase(State.OPEN, now, null, 0, baseOpenWaitNanos);
        default -> new Phase(state, now, null, 0, 0);
      };
      if (transition(p, next)) {
        return;
      }
    }
  }

  private Phase closed(long now) {
    CallWindow window = config.slidingWindowType() == CircuitBreakerConfig.SlidingWindowType.COUNT_BASED
        ? new CountWindow(config.slidingWindowSize())
        : new TimeWindow(config.slidingWindowSize(), now);
    return new Phase(State.CLOSED, now, window, 0, 0);
  }

  private Phase halfOpen(long now, int reopens, long lastWait) {
    return new Phase(State.HALF_OPEN, now, null, reopens, lastWait);
  }

  private Phase reopen(long now, Phase halfOpen) {
    int reopens = halfOpen.reopens + 1;
    long wait = halfOpen.openWaitNanos;
    double grown = wait * config.openWaitMultiplier();
    wait = grown >= maxOpenWaitNanos ? maxOpenWaitNanos : (long) grown;
    return new Phase(State.OPEN, now, null, reopens, wait);
  }

  private Phase openFromClosed(long now) {
    return new Phase(State.OPEN, now, null, 0, baseOpenWaitNanos);
  }

  /** The outcome of a call admitted by {@code p}, {@code now} read at its end. */
  private void record(Phase p, long durationNanos, boolean failure) {
    boolean isSlow = durationNanos >= slowNanos;
    if (failure) {
      failed.increment();
    } else {
      successful.increment();
    }
    if (isSlow) {
      slow.increment();
    }
    if (p.state == State.DISABLED || p != current()) {
      return; // admitted in an earlier generation: a late result never moves the current state
    }
    int outcome = (failure ? CallWindow.FAILED : 0) | (isSlow ? CallWindow.SLOW : 0);
    if (p.state == State.CLOSED) {
      CallWindow window = Objects.requireNonNull(p.window);
      if (window instanceof CountWindow && outcome == 0) {
        window.record(0, 0); // the steady-state path: no clock read, nothing to evaluate
        return;
      }
      long now = ticker.read();
      window.record(now, outcome);
      if (outcome != 0 && window.exceeds(now, minimumCalls, failurePct, slowPct)) {
        transition(p, openFromClosed(now));
      }
    } else if (p.state == State.HALF_OPEN) {
      long v = p.trialResults.addAndGet(TRIAL_DONE
          + (failure ? TRIAL_FAILED : 0) + (isSlow ? TRIAL_SLOW : 0));
      long done = v >>> 42;
      long trialFailures = (v >>> 21) & TRIAL_MASK;
      long trialSlow = v & TRIAL_MASK;
      if (trialFailures * 100.0 >= failurePct * trialCalls
          || trialSlow * 100.0 >= slowPct * trialCalls) {
        transition(p, reopen(ticker.read(), p));
      } else if (done >= trialCalls) {
        transition(p, closed(ticker.read()));
      }
    }
  }

  private static final long TRIAL_MASK = (1L << 21) - 1;
  private static final long TRIAL_DONE = 1L << 42;
  private static final long TRIAL_FAILED = 1L << 21;
  private static final long TRIAL_SLOW = 1L;

  /** One generation of the state machine; also the permit it issues. */
  private final class Phase implements Permit {
    final State state;
    final long since;
    final @Nullable CallWindow window;
    final int reopens;
    final long openWaitNanos;
    final AtomicInteger trialsLeft;
    final AtomicLong trialResults = new AtomicLong(); // done << 42 | failed << 21 | slow

    Phase(State state, long since, @Nullable CallWindow window, int reopens, long openWaitNanos) {
      this.state = state;
      this.since = since;
      this.window = window;
      this.reopens = reopens;
      this.openWaitNanos = openWaitNanos;
      this.trialsLeft = new AtomicInteger(state == State.HALF_OPEN ? trialCalls : 0);
    }

    boolean takeTrial() {
      int left;
      do {
        left = trialsLeft.get();
        if (left <= 0) {
          return false;
        }
      } while (!trialsLeft.compareAndSet(left, left - 1));
      return true;
    }

    @Override
    public void onSuccess(long durationNanos) {
      record(this, durationNanos, false);
    }

    @Override
    public void onResult(long durationNanos, @Nullable Object result) {
      record(this, durationNanos, config.recordResult().test(result));
    }

    @Override
    public void onError(long durationNanos, Throwable error) {
      if (config.ignoreException().test(error)) {
        release();
      } else {
        record(this, durationNanos, config.recordFailure().test(error));
      }
    }

    @Override
    public void release() {
      ignored.increment();
      if (state == State.HALF_OPEN && this == current()) {
        trialsLeft.incrementAndGet();
      }
    }

    @Override
    public String toString() {
      return "Permit{" + name + ", " + state + "}";
    }
  }
}
