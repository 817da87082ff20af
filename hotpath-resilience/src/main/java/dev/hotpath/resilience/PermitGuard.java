package dev.hotpath.resilience;

import dev.hotpath.metrics.Ticker;
import dev.hotpath.resilience.internal.Stages;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A guard that admits each call with a permit: the one protocol behind {@link CircuitBreaker},
 * {@link Bulkhead}, {@link RateLimiter} and {@link AdaptiveLimiter}.
 *
 * <ol>
 *   <li><b>Acquire</b> a permit, or be refused with the guard's {@link RejectedCallException}.
 *   <li>Make the call and <b>report</b> how it ended, with its elapsed time: a success, a failure,
 *       or ignored (cancelled, refused by an inner guard, or an exception the guard is told to
 *       ignore). The guard decides which an exception or result is.
 *   <li>The report <b>releases</b> the permit, exactly once.
 * </ol>
 *
 * <p>{@code call}, {@code get}, {@code run} and {@code callAsync} are written once, here, on top
 * of that protocol, and so are {@link #acquirePermit()} and {@link #tryAcquirePermit()} for
 * callers that report by hand. What that buys, on every guard alike:
 *
 * <ul>
 *   <li>A caller's mistake never leaks a permit: a supplier that returns a {@code null} stage, a
 *       supplier or predicate that throws, a stage that is cancelled — each releases the permit
 *       (a predicate's exception then reaches the caller, who must fix it).
 *   <li>{@code callAsync} never blocks the calling thread. When no permit is free and the guard
 *       may wait for one (a bulkhead or rate limiter with {@code maxWait > 0}), the wait and then
 *       the supplier run on a virtual thread; cancelling the returned stage (as a {@link
 *       TimeLimiter} does when its time is up) stops that wait, and the call is not made.
 *   <li>The synchronous success path allocates nothing.
 * </ul>
 *
 * <p>Thread-safe. Only this module implements it (the class is sealed).
 *
 * <pre>{@code
 * PermitGuard guard = Bulkhead.of("reports", BulkheadConfig.ofDefaults());
 * Report r = guard.call(() -> render(id));        // BulkheadFullException when full
 * Permit p = guard.acquirePermit();               // or by hand: report exactly once
 * }</pre>
 */
public abstract sealed class PermitGuard implements Guard
    permits AdaptiveLimiter, Bulkhead, CircuitBreaker, RateLimiter {

  private static final ThreadFactory WAITERS =
      Thread.ofVirtual().name("hotpath-permit-wait-", 0).factory();

  private final String name;
  private final Ticker ticker;
  private final boolean timed;

  /**
   * @param timed whether the guard uses the elapsed time of a call (a breaker does, a bulkhead
   *     does not: then the clock is not read and the elapsed time reported is 0)
   */
  PermitGuard(String name, Ticker ticker, boolean timed) {
    this.name = Objects.requireNonNull(name, "name");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.timed = timed;
  }

  @Override
  public final String name() {
    return name;
  }

  // ---- the protocol: what each guard implements ------------------------------------------------

  /**
   * Takes a permit and returns its token (what {@link #release} needs to know about it).
   *
   * @param block whether the caller may wait up to the guard's maximum wait; if false, only a
   *     permit that is free now is taken
   * @throws RejectedCallException if no permit was taken (counted and published by the guard)
   */
  abstract Object acquire(boolean block);

  /**
   * Takes a permit for an async call without blocking: its token if one is free now; {@code
   * null} if none is free but one may come within the guard's maximum wait (nothing is counted:
   * the caller then waits with {@code acquire(true)} on another thread).
   *
   * @throws RejectedCallException if no permit can come in time
   */
  @Nullable Object acquireWithoutBlocking() {
    return acquire(false); // guards that never wait
  }

  /** Releases the permit {@code token} with the call's outcome. Must not throw. */
  abstract void release(Object token, long elapsedNanos, Outcome outcome);

  /**
   * What an exception thrown by a call means to this guard; may run the user's predicates. By
   * default a rejection by an inner guard is ignored and anything else is a failure.
   */
  Outcome classify(Throwable error) {
    return error instanceof RejectedCallException ? Outcome.IGNORED : Outcome.FAILURE;
  }

  /** What a call's result means to this guard; may run the user's predicates. */
  Outcome classifyResult(@Nullable Object result) {
    return Outcome.SUCCESS;
  }

  // ---- the call variants, written once ---------------------------------------------------------

  @Override
  public final <T extends @Nullable Object> T call(Callable<T> callable) throws Exception {
    return Body.cast(execute(callable, Body.CALLABLE));
  }

  @Override
  public final <T extends @Nullable Object> T get(Supplier<T> supplier) {
    try {
      return Body.cast(execute(supplier, Body.SUPPLIER));
    } catch (Exception e) {
      throw Body.unchecked(e);
    }
  }

  @Override
  public final void run(Runnable runnable) {
    try {
      execute(runnable, Body.RUNNABLE);
    } catch (Exception e) {
      throw Body.unchecked(e);
    }
  }

  private @Nullable Object execute(Object body, Body shape) throws Exception {
    Object token = acquire(true);
    long start = startTime();
    @Nullable Object result;
    try {
      result = shape.invoke(body);
    } catch (Throwable error) {
      try {
        reportError(token, elapsedSince(start), error);
      } catch (Throwable predicateBug) {
        suppress(predicateBug, error);
        throw predicateBug;
      }
      throw error;
    }
    if (shape.hasResult()) {
      reportResult(token, elapsedSince(start), result);
    } else {
      release(token, elapsedSince(start), Outcome.SUCCESS);
    }
    return result;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The permit is held until the stage completes; cancelling the returned stage releases it
   * (counted as ignored) and cancels the call's stage. A stage that completes with a {@link
   * CancellationException} is ignored too.
   */
  @Override
  public final <T extends @Nullable Object> CompletionStage<T> callAsync(
      Supplier<? extends CompletionStage<T>> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    @Nullable Object token;
    try {
      token = acquireWithoutBlocking();
    } catch (RejectedCallException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<T> out = new CompletableFuture<>();
    if (token != null) {
      startAsync(token, supplier, out);
    } else {
      waitThenStart(supplier, out);
    }
    return out;
  }

  private static final int WAITING = 0;
  private static final int STARTED = 1;
  private static final int ABANDONED = 2;

  /** Waits for a permit on a virtual thread, then starts the call there. */
  private <T extends @Nullable Object> void waitThenStart(
      Supplier<? extends CompletionStage<T>> supplier, CompletableFuture<T> out) {
    AtomicInteger phase = new AtomicInteger(WAITING);
    Thread waiter = WAITERS.newThread(() -> {
      Object token;
      try {
        token = acquire(true);
      } catch (Throwable e) { // refused, or interrupted because the caller gave up
        phase.set(STARTED); // our own completion below must not interrupt this thread
        out.completeExceptionally(e);
        return;
      }
      if (!phase.compareAndSet(WAITING, STARTED)) {
        release(token, 0, Outcome.IGNORED); // the caller gave up while we waited
        return;
      }
      startAsync(token, supplier, out);
    });
    CompletableFuture<T> unused = out.whenComplete((result, error) -> {
      if (phase.compareAndSet(WAITING, ABANDONED)) {
        waiter.interrupt(); // cancelled or timed out while waiting: stop waiting
      }
    });
    waiter.start();
  }

  /** Runs the supplier holding {@code token}; reports exactly once and completes {@code out}. */
  private <T extends @Nullable Object> void startAsync(Object token,
      Supplier<? extends CompletionStage<T>> supplier, CompletableFuture<T> out) {
    long start = startTime();
    CompletionStage<T> stage;
    try {
      stage = supplier.get();
    } catch (Throwable error) {
      finish(out, token, start, null, error);
      return;
    }
    if (stage == null) { // the caller's mistake: not the dependency's failure
      release(token, elapsedSince(start), Outcome.IGNORED);
      out.completeExceptionally(Stages.nullStage(name));
      return;
    }
    AtomicBoolean reported = new AtomicBoolean();
    CompletionStage<T> unused = stage.whenComplete((result, error) -> {
      if (reported.compareAndSet(false, true)) {
        finish(out, token, start, result, error == null ? null : Stages.unwrap(error));
      }
    });
    CompletableFuture<T> unused2 = out.whenComplete((result, error) -> {
      if (out.isCancelled() && reported.compareAndSet(false, true)) {
        release(token, elapsedSince(start), Outcome.IGNORED);
        Stages.cancelQuietly(stage);
      }
    });
  }

  /** Reports the call's outcome, then completes {@code out} with it (or with a predicate's bug). */
  private <T extends @Nullable Object> void finish(CompletableFuture<T> out, Object token,
      long start, @Nullable T result, @Nullable Throwable error) {
    try {
      if (error == null) {
        reportResult(token, elapsedSince(start), result);
      } else {
        reportError(token, elapsedSince(start), error);
      }
    } catch (Throwable predicateBug) {
      if (error != null) {
        suppress(predicateBug, error);
      }
      out.completeExceptionally(predicateBug);
      return;
    }
    if (error == null) {
      out.complete(result);
    } else {
      out.completeExceptionally(error);
    }
  }

  // ---- reporting: the permit is released even when a predicate throws --------------------------

  final void reportResult(Object token, long elapsedNanos, @Nullable Object result) {
    Outcome outcome = Outcome.IGNORED;
    try {
      outcome = classifyResult(result);
    } finally {
      release(token, elapsedNanos, outcome);
    }
  }

  final void reportError(Object token, long elapsedNanos, Throwable error) {
    Outcome outcome = Outcome.IGNORED;
    try {
      if (!(error instanceof CancellationException)) {
        outcome = classify(error);
      }
    } finally {
      release(token, elapsedNanos, outcome);
    }
  }

  private static void suppress(Throwable predicateBug, Throwable callError) {
    if (predicateBug != callError) {
      predicateBug.addSuppressed(callError); // the call's own failure, not to be lost
    }
  }

  private long startTime() {
    return timed ? ticker.read() : 0L;
  }

  private long elapsedSince(long start) {
    return timed ? ticker.read() - start : 0L;
  }

  // ---- permits by hand -------------------------------------------------------------------------

  /**
   * Takes a permit, waiting up to the guard's maximum wait; report it exactly once.
   *
   * @throws RejectedCallException if the guard refuses the call
   */
  public final Permit acquirePermit() {
    return new ReportedOnce(this, acquire(true));
  }

  /**
   * Takes a permit only if one is free now (never waits); {@code null} if the guard refuses the
   * call, which is counted and published like any rejection.
   */
  public final @Nullable Permit tryAcquirePermit() {
    try {
      return new ReportedOnce(this, acquire(false));
    } catch (RejectedCallException e) {
      return null;
    }
  }

  /** A permit handed out by hand: the first report counts, later ones are ignored. */
  private static final class ReportedOnce extends AtomicBoolean implements Permit {
    private static final long serialVersionUID = 1L;

    private final transient PermitGuard guard;
    private final transient Object token;

    ReportedOnce(PermitGuard guard, Object token) {
      this.guard = guard;
      this.token = token;
    }

    @Override
    public void onSuccess(long elapsedNanos) {
      if (compareAndSet(false, true)) {
        guard.release(token, elapsedNanos, Outcome.SUCCESS);
      }
    }

    @Override
    public void onResult(long elapsedNanos, @Nullable Object result) {
      if (compareAndSet(false, true)) {
        guard.reportResult(token, elapsedNanos, result);
      }
    }

    @Override
    public void onError(long elapsedNanos, Throwable error) {
      Objects.requireNonNull(error, "error");
      if (compareAndSet(false, true)) {
        guard.reportError(token, elapsedNanos, error);
      }
    }

    @Override
    public void release() {
      if (compareAndSet(false, true)) {
        guard.release(token, 0, Outcome.IGNORED);
      }
    }

    @Override
    public String toString() {
      return "Permit{" + guard.name() + (get() ? ", reported}" : "}");
    }
  }
}
