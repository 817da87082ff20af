package dev.hotpath.resilience;

import dev.hotpath.metrics.Ticker;
import dev.hotpath.resilience.internal.Checks;
import dev.hotpath.resilience.internal.EventDispatcher;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A semaphore bulkhead: at most {@code maxConcurrentCalls} calls run at once; a caller waits up
 * to {@code maxWait} for a permit and then gets {@link BulkheadFullException}.
 *
 * <p>Guarantees: a permit is released exactly once, when the call it guards really ends
 * (normally, by exception, or when an async stage completes) — never by a caller that timed out
 * waiting, since that caller never held one, and also when the caller errs (a null stage, see
 * {@link PermitGuard}). Permits in use never exceed the bound. The bulkhead does not bound how
 * long a call runs: compose with a {@link TimeLimiter} (which lets the permit go only when the
 * abandoned call ends) or use an {@link ExecutorBulkhead}.
 *
 * <p>{@code callAsync} never blocks its caller: with no permit free and {@code maxWait > 0} it
 * waits on a virtual thread and starts the call there; cancelling the returned stage stops the
 * wait.
 *
 * <p>Thread-safe; works the same on platform and virtual threads (waiting parks, no pinning).
 *
 * <pre>{@code
 * Bulkhead bulkhead = Bulkhead.of("reports", BulkheadConfig.builder().maxConcurrentCalls(4).build());
 * Report r = bulkhead.call(() -> renderReport(id)); // BulkheadFullException when 4 are running
 * }</pre>
 */
public final class Bulkhead extends PermitGuard {
  private static final Object TOKEN = new Object(); // a bulkhead's permits are all alike

  private final BulkheadConfig config;
  private final Semaphore permits;
  private final long maxWaitNanos;
  private final LongAdder rejected = new LongAdder();
  private final BulkheadFullException full;
  private final BulkheadFullException interrupted;
  private final EventDispatcher<BulkheadFullException> rejections;

  private Bulkhead(String name, BulkheadConfig config) {
    super(name, Ticker.system(), false);
    this.config = Objects.requireNonNull(config, "config");
    this.permits = new Semaphore(config.maxConcurrentCalls(), config.fair());
    this.maxWaitNanos = Checks.saturatedNanos(config.maxWait());
    this.full = new BulkheadFullException(name,
        config.maxConcurrentCalls() + " calls running, no permit within " + config.maxWait());
    this.interrupted = new BulkheadFullException(name, "interrupted while waiting for a permit");
    this.rejections = new EventDispatcher<>(config.eventExecutor());
  }

  /** A bulkhead with the given settings. */
  public static Bulkhead of(String name, BulkheadConfig config) {
    return new Bulkhead(name, config);
  }

  /** The bulkhead's settings. */
  public BulkheadConfig config() {
    return config;
  }

  /** Permits free right now. */
  public int availablePermits() {
    return permits.availablePermits();
  }

  /** Calls rejected since creation. */
  public long rejectedCalls() {
    return rejected.sum();
  }

  /** Registers a listener for rejections, delivered on the config's event executor. */
  public void onCallRejected(Consumer<BulkheadFullException> listener) {
    rejections.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Waiting is interruptible: an interrupted waiter is rejected with its interrupt flag set
   * again.
   */
  @Override
  Object acquire(boolean block) {
    if (permits.tryAcquire()) {
      return TOKEN;
    }
    if (block && maxWaitNanos > 0) {
      try {
        if (permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
          return TOKEN;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw reject(interrupted);
      }
    }
    throw reject(full);
  }

  @Override
  @Nullable Object acquireWithoutBlocking() {
    if (permits.tryAcquire()) {
      return TOKEN;
    }
    if (maxWaitNanos > 0) {
      return null; // wait on another thread
    }
    throw reject(full);
  }

  @Override
  void release(Object token, long elapsedNanos, Outcome outcome) {
    permits.release();
  }

  private BulkheadFullException reject(BulkheadFullException e) {
    rejected.increment();
    rejections.publish(e);
    return e;
  }

  @Override
  public String toString() {
    return "Bulkhead{" + name() + ", " + availablePermits() + "/" + config.maxConcurrentCalls()
        + " free}";
  }
}
