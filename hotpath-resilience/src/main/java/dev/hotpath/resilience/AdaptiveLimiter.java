package dev.hotpath.resilience;

import dev.hotpath.metrics.Ticker;
import dev.hotpath.resilience.AdaptiveLimiterConfig.Algorithm;
import dev.hotpath.resilience.internal.Checks;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A concurrency limit that adapts to latency, for load shedding: while calls in flight are at the
 * limit, a new call is rejected at once with {@link LimitExceededException} (no queueing), and
 * the limit moves with each finished call's round-trip time (AIMD or Gradient2, see {@link
 * AdaptiveLimiterConfig.Algorithm}).
 *
 * <p>Admission is lock-free (one CAS on the in-flight count); the limit update takes a short lock
 * after the call has finished, never while it runs. Calls in flight never exceed the limit in
 * force when each was admitted. A call that fails is a "drop" (it lowers the limit under AIMD);
 * a call that is cancelled, refused by an inner guard ({@link RejectedCallException}) or released
 * by hand frees its slot without a sample. Each sample is the call's round trip and the calls in
 * flight when it ended (itself included). A caller's mistake (a null stage, a throwing supplier)
 * frees the slot too ({@link PermitGuard}).
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * AdaptiveLimiter limiter = AdaptiveLimiter.of("checkout", AdaptiveLimiterConfig.ofDefaults());
 * Order o = limiter.call(() -> checkout.place(cart)); // LimitExceededException when overloaded
 * }</pre>
 */
public final class AdaptiveLimiter extends PermitGuard {
  private static final Object TOKEN = new Object(); // the slots are all alike

  private final AdaptiveLimiterConfig config;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder rejected = new LongAdder();
  private final LimitExceededException rejection;
  private final long latencyThresholdNanos;
  private volatile int limit;

  // guarded by this; touched only after a call has finished
  private double estimatedLimit;
  private double longRtt = Double.NaN;

  private AdaptiveLimiter(String name, AdaptiveLimiterConfig config, Ticker ticker) {
    super(name, ticker, true);
    this.config = Objects.requireNonNull(config, "config");
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

  @Override
  Object acquire(boolean block) { // never waits: load shedding rejects at once
    while (true) {
      int current = inFlight.get();
      if (current >= limit) {
        rejected.increment();
        throw rejection;
      }
      if (inFlight.compareAndSet(current, current + 1)) {
        return TOKEN;
      }
    }
  }

  @Override
  void release(Object token, long elapsedNanos, Outcome outcome) {
    int inFlightAtEnd = inFlight.getAndDecrement();
    if (outcome != Outcome.IGNORED) {
      sample(elapsedNanos, inFlightAtEnd, outcome == Outcome.FAILURE);
    }
  }

  /** Feeds one sample: {@code rtt} nanos, with {@code inFlight} calls in flight. */
  private synchronized void sample(long rtt, int inFlight, boolean dropped) {
    double next = config.algorithm() == Algorithm.AIMD
        ? aimd(rtt, inFlight, dropped)
        : gradient2(rtt, inFlight, dropped);
    estimatedLimit = Math.max(config.minLimit(), Math.min(config.maxLimit(), next));
    limit = (int) estimatedLimit;
  }

  private double aimd(long rtt, int inFlight, boolean dropped) {
    if (dropped || rtt > latencyThresholdNanos) {
      return Math.floor(estimatedLimit * config.backoffRatio());
    }
    // grow only while the limit is actually used, or it would grow without evidence
    return inFlight * 2 >= limit ? estimatedLimit + 1 : estimatedLimit;
  }

  /*
   * Gradient2 (Netflix concurrency-limits): compare the short-term RTT (this sample) with a
   * long-term exponential average. gradient = clamp(tolerance * long / short, 0.5, 1): 1 while
   * latency is within tolerance (the limit then grows by queueSize), < 1 as queueing builds up.
   * When the long average sits well above the short one (latency has recovered) it is decayed
   * faster so the limit can recover instead of lagging behind old, slow samples.
   */
  private double gradient2(long rtt, int inFlight, boolean dropped) {
    double shortRtt = Math.max(1, rtt);
    if (Double.isNaN(longRtt)) {
      longRtt = shortRtt;
    } else {
      longRtt += (shortRtt - longRtt) / config.longWindow();
    }
    if (longRtt / shortRtt > 2) {
      longRtt *= 0.95;
    }
    if (!dropped && inFlight < estimatedLimit / 2) {
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
    return "AdaptiveLimiter{" + name() + ", " + config.algorithm() + ", limit=" + limit
        + ", inFlight=" + inFlight.get() + "}";
  }
}
