package dev.hotpath.resilience;

import dev.hotpath.metrics.Ticker;
import dev.hotpath.resilience.AdaptiveLimiterConfig.Algorithm;
import dev.hotpath.resilience.internal.Checks;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A concurrency limit that adapts to latency, for load shedding: while calls in flight are at the
 * limit, a new call is rejected at once with {@link LimitExceededException} (no queueing), and
 * the limit moves with each finished call's round-trip time (AIMD or Gradient2, see {@link
 * AdaptiveLimiterConfig.Algorithm}).
 *
 * <p>Admission is lock-free (one CAS on the in-flight count); the limit update takes a short lock
 * after the call has finished, never while it runs. Calls in flight never exceed the limit in
 * force when each was admitted. Rejections and exceptions thrown by the call are "drops" (they
 * lower the limit under AIMD); {@link Permit#release()} frees a slot without a sample.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * AdaptiveLimiter limiter = AdaptiveLimiter.of("checkout", AdaptiveLimiterConfig.ofDefaults());
 * Order o = limiter.call(() -> checkout.place(cart)); // LimitExceededException when overloaded
 * }</pre>
 */
public final class AdaptiveLimiter {

  /** A slot for one call; report it exactly once. */
  public interface Permit {
    /** The call succeeded: its round trip is a latency sample. */
    void onSuccess();

    /** The call failed or timed out: a drop. */
    void onDropped();

    /** The call was cancelled or says nothing about the dependency: no sample. */
    void release();
  }

  private final String name;
  private final AdaptiveLimiterConfig config;
  private final Ticker ticker;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder rejected = new LongAdder();
  private final LimitExceededException rejection;
  private final long latencyThresholdNanos;
  private volatile int limit;

  // guarded by this; touched only after a call has finished
  private double estimatedLimit;
  private double longRtt = Double.NaN;

  private AdaptiveLimiter(String name, AdaptiveLimiterConfig config, Ticker ticker) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.rejection = new LimitExceededException(name);
    this.latencyThresholdNanos = Checks.saturatedNanos(config.latencyThreshold());
    this.limit = config.initialLimit();
    this.estimatedLimit = config.initialLimit();
  }

  /** A limiter on the system ticker. */
  public static AdaptiveLimiter of(String name, AdaptiveLimiterConfig config) {
    return new AdaptiveLimiter(name, config, Ticker.system());
  }

  /** A limiter reading time from {@code ticker}. */
  public static AdaptiveLimiter of(String name, AdaptiveLimiterConfig config, Ticker ticker) {
    return new AdaptiveLimiter(name, config, ticker);
  }

  /** The limiter's name. */
  public String name() {
    return name;
  }

  /** The limiter's settings. */
  public AdaptiveLimiterConfig config() {
    return config;
  }

  /** The current concurrency limit. */
  public int limit() {
    return limit;
  }

  /** Calls in flight now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Calls rejected since creation. */
  public long rejectedCalls() {
    return rejected.sum();
  }

  /** Takes a slot if in-flight calls are below the limit; returns -1 if not. */
  private int admit() {
    while (true) {
      int current = inFlight.get();
      if (current >= limit) {
        rejected.increment();
        return -1;
      }
      if (inFlight.compareAndSet(current, current + 1)) {
        return current + 1;
      }
    }
  }

  /** A permit, or null if the limit is reached (counted as a rejection). */
  public @Nullable Permit tryAcquire() {
    int admittedInFlight = admit();
    if (admittedInFlight < 0) {
      return null;
    }
    long start = ticker.read();
    AtomicBoolean done = new AtomicBoolean();
    return new Permit() {
      @Override
      public void onSuccess() {
        if (done.compareAndSet(false, true)) {
          finish(start, admittedInFlight, false);
        }
      }

      @Override
      public void onDropped() {
        if (done.compareAndSet(false, true)) {
          finish(start, admittedInFlight, true);
        }
      }

      @Override
      public void release() {
        if (done.compareAndSet(false, true)) {
          inFlight.decrementAndGet();
        }
      }
    };
  }

  /**
   * Runs {@code callable} in a slot.
   *
   * @throws LimitExceededException if the limit is reached
   */
  public <T extends @Nullable Object> T call(Callable<T> callable) throws Exception {
    int admittedInFlight = admit();
    if (admittedInFlight < 0) {
      throw rejection;
    }
    long start = ticker.read();
    T result;
    try {
      result = callable.call();
    } catch (Throwable t) {
      finish(start, admittedInFlight, true);
      throw t;
    }
    finish(start, admittedInFlight, false);
    return result;
  }

  /** Like {@link #call} for a {@link Supplier} (allocates one small adapter per call). */
  public <T extends @Nullable Object> T get(Supplier<T> supplier) {
    try {
      return call(supplier::get);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("a Supplier threw a checked exception", e);
    }
  }

  /** Like {@link #call} for a {@link Runnable}. */
  public void run(Runnable runnable) {
    var unused = get(() -> {
      runnable.run();
      return null;
    });
  }

  /** Runs the async call in a slot held until its stage completes; rejection is a failed stage. */
  public <T extends @Nullable Object> CompletionStage<T> callAsync(
      Supplier<? extends CompletionStage<T>> supplier) {
    Permit permit = tryAcquire();
    if (permit == null) {
      return CompletableFuture.failedFuture(rejection);
    }
    CompletionStage<T> stage;
    try {
      stage = supplier.get();
    } catch (Throwable t) {
      permit.onDropped();
      return CompletableFuture.failedFuture(t);
    }
    return stage.whenComplete((r, e) -> {
      if (e == null) {
        permit.onSuccess();
      } else if (CircuitBreaker.unwrap(e) instanceof java.util.concurrent.CancellationException) {
        permit.release();
      } else {
        permit.onDropped();
      }
    });
  }

  private void finish(long start, int admittedInFlight, boolean dropped) {
    long rtt = ticker.read() - start;
    inFlight.decrementAndGet();
    sample(rtt, admittedInFlight, dropped);
  }

  /** Feeds one sample: {@code rtt} nanos, with {@code inFlightAtStart} calls in flight. */
  private synchronized void sample(long rtt, int inFlightAtStart, boolean dropped) {
    double next = config.algorithm() == Algorithm.AIMD
        ? aimd(rtt, inFlightAtStart, dropped)
        : gradient2(rtt, inFlightAtStart, dropped);
    estimatedLimit = Math.max(config.minLimit(), Math.min(config.maxLimit(), next));
    limit = (int) estimatedLimit;
  }

  private double aimd(long rtt, int inFlightAtStart, boolean dropped) {
    if (dropped || rtt > latencyThresholdNanos) {
      return Math.floor(estimatedLimit * config.backoffRatio());
    }
    // grow only while the limit is actually used, or it would grow without evidence
    return inFlightAtStart * 2 >= limit ? estimatedLimit + 1 : estimatedLimit;
  }

  /*
   * Gradient2 (Netflix concurrency-limits): compare the short-term RTT (this sample) with a
   * long-term exponential average. gradient = clamp(tolerance * long / short, 0.5, 1): 1 while
   * latency is within tolerance (the limit then grows by queueSize), < 1 as queueing builds up.
   * When the long average sits well above the short one (latency has recovered) it is decayed
   * faster so the limit can recover instead of lagging behind old, slow samples.
   */
  private double gradient2(long rtt, int inFlightAtStart, boolean dropped) {
    double shortRtt = Math.max(1, rtt);
    if (Double.isNaN(longRtt)) {
      longRtt = shortRtt;
    } else {
      longRtt += (shortRtt - longRtt) / config.longWindow();
    }
    if (longRtt / shortRtt > 2) {
      longRtt *= 0.95;
    }
    if (!dropped && inFlightAtStart < estimatedLimit / 2) {
      return estimatedLimit; // app-limited: the sample says nothing about the limit
    }
    double gradient = Math.max(0.5, Math.min(1.0, config.rttTolerance() * longRtt / shortRtt));
    if (dropped) {
      gradient = 0.5;
    }
    double estimate = estimatedLimit * gradient + config.queueSize();
    return estimatedLimit * (1 - config.smoothing()) + estimate * config.smoothing();
  }

  @Override
  public String toString() {
    return "AdaptiveLimiter{" + name + ", " + config.algorithm() + ", limit=" + limit
        + ", inFlight=" + inFlight.get() + "}";
  }
}
