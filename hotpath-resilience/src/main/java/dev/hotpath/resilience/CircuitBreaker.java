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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
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
 * <p>What counts, by default: every exception a call throws is a failure, except a {@link
 * RejectedCallException} from a guard inside the breaker (a full bulkhead says nothing about the
 * dependency: it is ignored, see {@link CircuitBreakerConfig#recordRejectedCalls()}) and a
 * cancellation (ignored). A call at least {@code slowCallDurationThreshold} long is also slow.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>No lock is held while the protected call runs; the state machine is lock-free.
 *   <li>Each state is a generation: a permit belongs to the generation that issued it, and the
 *       result of a call admitted in an earlier generation (a late result) never changes the
 *       current state.
 *   <li>HALF_OPEN admits at most {@code permittedCallsInHalfOpenState} calls at a time, however
 *       many threads race the OPEN→HALF_OPEN transition (only one thread installs the generation,
 *       and a trial counts only if its generation was still current when it was taken).
 *   <li>A permit released (call cancelled, refused further in, or its exception ignored) frees
 *       its trial slot; a trial permit that is never reported cannot wedge HALF_OPEN for longer
 *       than {@code maxWaitInHalfOpenState}. A caller's mistake (a null stage, a predicate that
 *       throws) releases the permit ({@link PermitGuard}).
 *   <li>{@link #state()} is what a call arriving now would see: OPEN turns HALF_OPEN when the
 *       open wait has passed, whether a call or a state read notices it first.
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
public final class CircuitBreaker extends PermitGuard {

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
    super(name, ticker, true);
    this.name = name;
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = ticker;
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

  /** The breaker's settings. */
  public CircuitBreakerConfig config() {
    return config;
  }

  /**
   * The state a call arriving now would see. Time-driven transitions are made here if they are
   * due, as a call would make them (and published like any transition): OPEN becomes HALF_OPEN
   * once the open wait has passed, and a HALF_OPEN whose trial permits have all been out for
   * {@code maxWaitInHalfOpenState} re-opens. No timer thread is needed for either.
   */
  public State state() {
    return settle().state;
  }

  /** Registers a listener for state transitions, delivered on the config's event executor. */
  public void onStateTransition(Consumer<StateTransition> listener) {
    transitions.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Registers a listener for rejected calls, delivered on the config's event executor. */
  public void onCallNotPermitted(Consumer<CallNotPermittedException> listener) {
    rejections.add(Objects.requireNonNull(listener, "listener"));
  }

  // ---- the permit protocol ---------------------------------------------------------------------

  @Override
  Object acquire(boolean block) { // a breaker never waits
    Phase p = current();
    if (p.state == State.CLOSED || p.state == State.DISABLED) {
      return p; // fast path: no allocation, no CAS, no clock read
    }
    while (true) {
      p = settle();
      switch (p.state) {
        case CLOSED, DISABLED -> {
          return p;
        }
        case HALF_OPEN -> {
          if (p.takeTrial()) {
            if (p == current()) {
              return p;
            }
            p.trialsLeft.incrementAndGet(); // the generation ended meanwhile: ask the next one
            continue;
          }
          throw reject(p.state);
        }
        default -> throw reject(p.state);
      }
    }
  }

  @Override
  void release(Object token, long elapsedNanos, Outcome outcome) {
    Phase p = (Phase) token;
    if (outcome == Outcome.IGNORED) {
      ignored.increment();
      if (p.state == State.HALF_OPEN && p == current()) {
        p.trialsLeft.incrementAndGet();
      }
    } else {
      record(p, elapsedNanos, outcome == Outcome.FAILURE);
    }
  }

  @Override
  Outcome classify(Throwable error) {
    if (error instanceof RejectedCallException && !config.recordRejectedCalls()) {
      return Outcome.IGNORED;
    }
    if (config.ignoreException().test(error)) {
      return Outcome.IGNORED;
    }
    return config.recordFailure().test(error) ? Outcome.FAILURE : Outcome.SUCCESS;
  }

  @Override
  Outcome classifyResult(@Nullable Object result) {
    return config.recordResult().test(result) ? Outcome.FAILURE : Outcome.SUCCESS;
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

  /**
   * A snapshot of a breaker's counters since creation, and of its current window. Built by
   * {@link #metrics()}; immutable.
   */
  public static final class Metrics {
    private final long successfulCalls;
    private final long failedCalls;
    private final long slowCalls;
    private final long ignoredCalls;
    private final long notPermittedCalls;
    private final long callsInWindow;
    private final double failureRatePercent;
    private final double slowCallRatePercent;

    private Metrics(long successfulCalls, long failedCalls, long slowCalls, long ignoredCalls,
        long notPermittedCalls, long callsInWindow, double failureRatePercent,
        double slowCallRatePercent) {
      this.successfulCalls = successfulCalls;
      this.failedCalls = failedCalls;
      this.slowCalls = slowCalls;
      this.ignoredCalls = ignoredCalls;
      this.notPermittedCalls = notPermittedCalls;
      this.callsInWindow = callsInWindow;
      this.failureRatePercent = failureRatePercent;
      this.slowCallRatePercent = slowCallRatePercent;
    }

    /** Calls that counted as successes (including slow ones and unrecorded exceptions). */
    public long successfulCalls() {
      return successfulCalls;
    }

    /** Calls that counted as failures. */
    public long failedCalls() {
      return failedCalls;
    }

    /** Successful or failed calls that took at least {@code slowCallDurationThreshold}. */
    public long slowCalls() {
      return slowCalls;
    }

    /** Calls released without counting: cancelled, refused further in, or an ignored exception. */
    public long ignoredCalls() {
      return ignoredCalls;
    }

    /** Calls the breaker refused. */
    public long notPermittedCalls() {
      return notPermittedCalls;
    }

    /** Calls in the current sliding window (0 outside CLOSED). */
    public long callsInWindow() {
      return callsInWindow;
    }

    /** Failure rate of the window in percent, or -1 while it holds no call. */
    public double failureRatePercent() {
      return failureRatePercent;
    }

    /** Slow-call rate of the window in percent, or -1 while it holds no call. */
    public double slowCallRatePercent() {
      return slowCallRatePercent;
    }

    @Override
    public String toString() {
      return "Metrics{successful=" + successfulCalls + ", failed=" + failedCalls + ", slow="
          + slowCalls + ", ignored=" + ignoredCalls + ", notPermitted=" + notPermittedCalls
          + ", inWindow=" + callsInWindow + ", failureRate=" + failureRatePercent
          + "%, slowRate=" + slowCallRatePercent + "%}";
    }
  }

  /** Reads the counters; allocates a small object, so not for the hot path. */
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

  /**
   * The current generation after the transitions that time alone has made due: OPEN becomes
   * HALF_OPEN once its wait has passed; a HALF_OPEN whose trial permits are all out re-opens once
   * it has lasted {@code maxWaitInHalfOpenState} (permits taken but never reported, or calls
   * that hang). A losing CAS re-reads the winner's generation.
   */
  private Phase settle() {
    while (true) {
      Phase p = current();
      if (p.state == State.OPEN) {
        long now = ticker.read();
        if (now - p.since >= p.openWaitNanos) {
          transition(p, halfOpen(now, p.reopens, p.openWaitNanos));
          continue;
        }
      } else if (p.state == State.HALF_OPEN && p.trialsLeft.get() <= 0) {
        long now = ticker.read();
        if (now - p.since >= maxHalfOpenNanos) {
          transition(p, reopen(now, p));
          continue;
        }
      }
      return p;
    }
  }

  /** Counts and publishes a rejection in {@code state}; returns the exception to throw. */
  private CallNotPermittedException reject(State state) {
    notPermitted.increment();
    CallNotPermittedException e = switch (state) {
      case HALF_OPEN -> rejectedHalfOpen;
      case FORCED_OPEN -> rejectedForcedOpen;
      default -> rejectedOpen;
    };
    if (rejections.hasListeners()) {
      rejections.publish(e);
    }
    return e;
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

  /** One generation of the state machine; also the token of the permits it issues. */
  private final class Phase {
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
    public String toString() {
      return "Phase{" + name + ", " + state + "}";
    }
  }
}
