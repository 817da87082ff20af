package dev.hotpath.resilience;

import dev.hotpath.metrics.Ticker;
import dev.hotpath.resilience.internal.Checks;
import dev.hotpath.resilience.internal.EventDispatcher;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A rate limiter using the generic cell rate algorithm (GCRA, the token bucket expressed as one
 * timestamp): a sustained rate of {@code limitForPeriod / period} with bursts of up to {@code
 * burst} calls; by default (burst 1) calls are spaced evenly and no window of one period sees
 * more than {@code limitForPeriod} of them ({@link RateLimiterConfig}).
 *
 * <p>The whole state is one {@link AtomicLong}, the theoretical arrival time (TAT) of the next
 * call: a call at {@code now} is allowed when {@code TAT - now <= (burst - 1) * interval}, and
 * moves TAT to {@code max(TAT, now) + interval}. Acquiring is one CAS, lock-free, allocation-free
 * and fair to nobody in particular (no queue). A caller allowed to wait reserves its slot first,
 * then parks until it is due, so waiters never exceed the rate either. The permit is spent when
 * it is taken: reporting the call's outcome changes nothing. In a {@link ResiliencePipeline} the
 * rate limiter is the innermost guard, so only calls that will really be made spend it.
 *
 * <p>{@code callAsync} never blocks its caller: a permit that is not due yet is waited for on a
 * virtual thread, which then starts the call.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.of("partner-api",
 *     RateLimiterConfig.builder().limitForPeriod(10).period(Duration.ofSeconds(1)).build());
 * Quote q = limiter.call(() -> partner.quote(sku)); // RequestNotPermittedException beyond 10/s
 * }</pre>
 */
public final class RateLimiter extends PermitGuard {
  private static final Object TOKEN = new Object(); // permits are all alike

  private final RateLimiterConfig config;
  private final Ticker ticker;
  private final long interval;
  private final long tolerance;
  private final long maxWaitNanos;
  private final AtomicLong tat;
  private final LongAdder rejected = new LongAdder();
  private final RequestNotPermittedException rejection;
  private final EventDispatcher<RequestNotPermittedException> rejections;

  private RateLimiter(String name, RateLimiterConfig config, Ticker ticker) {
    super(name, ticker, false);
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = ticker;
    this.interval = config.emissionIntervalNanos();
    this.tolerance = Math.multiplyHigh(config.burst() - 1L, interval) != 0
        ? Long.MAX_VALUE / 2 : (config.burst() - 1L) * interval;
    this.maxWaitNanos = Checks.saturatedNanos(config.maxWait());
    this.tat = new AtomicLong(ticker.read());
    this.rejection = new RequestNotPermittedException(name,
        config.limitForPeriod() + " per " + config.period() + " (burst " + config.burst() + ")");
    this.rejections = new EventDispatcher<>(config.eventExecutor());
  }

  /** A limiter on the system ticker. */
  public static RateLimiter of(String name, RateLimiterConfig config) {
    return new RateLimiter(name, config, Ticker.system());
  }

  /** A limiter reading time from {@code ticker}. */
  public static RateLimiter of(String name, RateLimiterConfig config, Ticker ticker) {
    return new RateLimiter(name, config, ticker);
  }

  /** The limiter's settings. */
  public RateLimiterConfig config() {
    return config;
  }

  /** Calls rejected since creation. */
  public long rejectedCalls() {
    return rejected.sum();
  }

  /** Permits that could be taken right now without waiting (0 to burst). */
  public long availablePermits() {
    long now = ticker.read();
    long backlog = Math.max(0, tat.get() - now);
    return Math.max(0, (tolerance - backlog) / interval + 1);
  }

  /** Registers a listener for rejections, delivered on the config's event executor. */
  public void onCallRejected(Consumer<RequestNotPermittedException> listener) {
    rejections.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Waiting parks on the real clock (even with a fake ticker). An interrupted waiter is
   * rejected with its interrupt flag set again; its reserved slot is forfeited, which only
   * undershoots the rate.
   */
  @Override
  Object acquire(boolean block) {
    long wait = reserve(block ? maxWaitNanos : 0, false);
    if (wait > 0) {
      long deadline = System.nanoTime() + wait;
      for (long left = wait; left > 0; left = deadline - System.nanoTime()) {
        LockSupport.parkNanos(this, left);
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw reject();
        }
      }
    }
    return TOKEN;
  }

  @Override
  @Nullable Object acquireWithoutBlocking() {
    return reserve(maxWaitNanos, true) < 0 ? null : TOKEN;
  }

  /**
   * Reserves the next permit if it is due within {@code allowedWaitNanos} and returns how long
   * until it is due (0: now). With {@code onlyIfDueNow}, a permit due later (but in time) is not
   * reserved and -1 is returned. A permit not due in time is a rejection (counted, published).
   */
  private long reserve(long allowedWaitNanos, boolean onlyIfDueNow) {
    long now = ticker.read();
    while (true) {
      long t = tat.get();
      long wait = t - now - tolerance;
      if (wait > allowedWaitNanos) {
        throw reject();
      }
      if (wait > 0 && onlyIfDueNow) {
        return -1;
      }
      if (tat.compareAndSet(t, Math.max(t, now) + interval)) {
        return Math.max(0, wait);
      }
    }
  }

  @Override
  void release(Object token, long elapsedNanos, Outcome outcome) {
    // nothing to give back: the permit was spent when it was taken
  }

  private RequestNotPermittedException reject() {
    rejected.increment();
    rejections.publish(rejection);
    return rejection;
  }

  @Override
  public String toString() {
    return "RateLimiter{" + name() + ", " + config.limitForPeriod() + "/" + config.period() + "}";
  }
}
