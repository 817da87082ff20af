package dev.hotpath.resilience;

import dev.hotpath.metrics.Ticker;
import dev.hotpath.resilience.internal.Checks;
import dev.hotpath.resilience.internal.DefaultEventExecutor;
import dev.hotpath.resilience.internal.EventDispatcher;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A rate limiter using the generic cell rate algorithm (GCRA, the token bucket expressed as one
 * timestamp): a sustained rate of {@code limitForPeriod / period} with bursts of up to {@code
 * burst} calls.
 *
 * <p>The whole state is one {@link AtomicLong}, the theoretical arrival time (TAT) of the next
 * call: a call at {@code now} is allowed when {@code TAT - now <= (burst - 1) * interval}, and
 * moves TAT to {@code max(TAT, now) + interval}. Acquiring is one CAS, lock-free, allocation-free
 * and fair to nobody in particular (no queue). A caller allowed to wait reserves its slot first,
 * then parks until it is due, so waiters never exceed the rate either.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.of("partner-api",
 *     RateLimiterConfig.builder().limitForPeriod(10).period(Duration.ofSeconds(1)).build());
 * Quote q = limiter.call(() -> partner.quote(sku)); // RequestNotPermittedException beyond 10/s
 * }</pre>
 */
public final class RateLimiter {
  private final String name;
  private final RateLimiterConfig config;
  private final Ticker ticker;
  private final long interval;
  private final long tolerance;
  private final long maxWaitNanos;
  private final AtomicLong tat;
  private final LongAdder rejected = new LongAdder();
  private final RequestNotPermittedException rejection;
  private final EventDispatcher<RequestNotPermittedException> rejections;

  private RateLimiter(String name, RateLimiterConfig config, Ticker ticker, Executor events) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.interval = config.emissionIntervalNanos();
    this.tolerance = Math.multiplyHigh(config.burst() - 1L, interval) != 0
        ? Long.MAX_VALUE / 2 : (config.burst() - 1L) * interval;
    this.maxWaitNanos = Checks.saturatedNanos(config.maxWait());
    this.tat = new AtomicLong(ticker.read());
    this.rejection = new RequestNotPermittedException(name,
        config.limitForPeriod() + " per " + config.period() + " (burst " + config.burst() + ")");
    this.rejections = new EventDispatcher<>(events);
  }

  /** A limiter on the system ticker. */
  public static RateLimiter of(String name, RateLimiterConfig config) {
    return new RateLimiter(name, config, Ticker.system(), DefaultEventExecutor.get());
  }

  /** A limiter reading time from {@code ticker}. */
  public static RateLimiter of(String name, RateLimiterConfig config, Ticker ticker) {
    return new RateLimiter(name, config, ticker, DefaultEventExecutor.get());
  }

  /** A limiter reading time from {@code ticker}, delivering events on {@code eventExecutor}. */
  public static RateLimiter of(String name, RateLimiterConfig config, Ticker ticker,
      Executor eventExecutor) {
    return new RateLimiter(name, config, ticker, eventExecutor);
  }

  /** The limiter's name. */
  public String name() {
    return name;
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

  /** Registers a listener for rejections, delivered on the event executor. */
  public void onCallRejected(Consumer<RequestNotPermittedException> listener) {
    rejections.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Takes a permit without waiting; true if taken. */
  public boolean tryAcquirePermission() {
    long now = ticker.read();
    while (true) {
      long t = tat.get();
      if (t - now > tolerance) {
        reject();
        return false;
      }
      if (tat.compareAndSet(t, Math.max(t, now) + interval)) {
        return true;
      }
    }
  }

  /**
   * Takes a permit, waiting (parked) up to {@code maxWait} for one to become due.
   *
   * @throws RequestNotPermittedException if no permit is due within {@code maxWait}, or the
   *     caller is interrupted while waiting (its interrupt flag is set again)
   */
  public void acquirePermission() {
    long now = ticker.read();
    long wait;
    while (true) {
      long t = tat.get();
      wait = t - now - tolerance;
      if (wait > maxWaitNanos) {
        throw reject();
      }
      if (tat.compareAndSet(t, Math.max(t, now) + interval)) {
        break;
      }
    }
    if (wait > 0) {
      long deadline = System.nanoTime() + wait;
      for (long left = wait; left > 0; left = deadline - System.nanoTime()) {
        LockSupport.parkNanos(this, left);
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw reject(); // the reserved slot is forfeited: harmless, the rate is only undershot
        }
      }
    }
  }

  private RequestNotPermittedException reject() {
    rejected.increment();
    rejections.publish(rejection);
    return rejection;
  }

  /** Runs {@code callable} once a permit is taken. */
  public <T extends @Nullable Object> T call(Callable<T> callable) throws Exception {
    acquirePermission();
    return callable.call();
  }

  /** Like {@link #call} for a {@link Supplier}. */
  public <T extends @Nullable Object> T get(Supplier<T> supplier) {
    acquirePermission();
    return supplier.get();
  }

  /** Like {@link #call} for a {@link Runnable}. */
  public void run(Runnable runnable) {
    acquirePermission();
    runnable.run();
  }

  /**
   * Starts the async call once a permit is taken (waiting, if allowed, on the calling thread); a
   * rejection is returned as a failed stage.
   */
  public <T extends @Nullable Object> CompletionStage<T> callAsync(
      Supplier<? extends CompletionStage<T>> supplier) {
    try {
      acquirePermission();
    } catch (RequestNotPermittedException e) {
      return CompletableFuture.failedFuture(e);
    }
    return supplier.get();
  }

  @Override
  public String toString() {
    return "RateLimiter{" + name + ", " + config.limitForPeriod() + "/" + config.period() + "}";
  }
}
