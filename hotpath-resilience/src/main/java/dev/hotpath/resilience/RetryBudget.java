package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.inRange;

import dev.hotpath.metrics.Ticker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caps retries at a fraction of calls, so retries cannot multiply the load on a dependency that
 * is already down (after Finagle's {@code RetryBudget}).
 *
 * <p>Every first attempt earns {@code ratio} of a retry; every retry spends one. At most {@code
 * maxSavedRetries} can be saved up, so a long healthy spell does not buy a storm of retries in
 * the next outage. On top, {@code minRetriesPerSecond} retries are always allowed, so a service
 * with little traffic can still retry. In an outage where every call fails, attempts are bounded
 * by {@code calls * (1 + ratio) + minRetriesPerSecond * seconds + maxSavedRetries}.
 *
 * <p>Depositing is one uncontended {@link LongAdder} increment (the success path); spending is a
 * CAS. Thread-safe; one budget may be shared by several {@link Retry} instances that call the
 * same dependency.
 *
 * <pre>{@code
 * RetryBudget budget = RetryBudget.of(0.1, 5, 100); // retries <= 10 % of calls, +5/s, save 100
 * }</pre>
 */
public final class RetryBudget {
  private static final long SCALE = 1_000_000L; // micro-retries

  private final double ratio;
  private final long ratioMicros;
  private final int minRetriesPerSecond;
  private final long maxSavedMicros;
  private final Ticker ticker;
  private final LongAdder calls = new LongAdder();
  // first attempts counted by attached Retry instances: their counter is the deposit, for free
  private final List<LongAdder> sources = new CopyOnWriteArrayList<>(List.of(calls));
  private final AtomicLong spentMicros = new AtomicLong();
  private final AtomicLong floorTat; // GCRA state of the minRetriesPerSecond allowance
  private final long floorInterval;
  private final LongAdder denied = new LongAdder();

  private RetryBudget(double ratio, int minRetriesPerSecond, int maxSavedRetries, Ticker ticker) {
    this.ratio = inRange("RetryBudget.ratio", ratio, 0.0, 100.0);
    this.ratioMicros = Math.round(ratio * SCALE);
    this.minRetriesPerSecond = inRange("RetryBudget.minRetriesPerSecond", minRetriesPerSecond, 0, 1_000_000);
    this.maxSavedMicros = inRange("RetryBudget.maxSavedRetries", maxSavedRetries, 1, 100_000_000) * SCALE;
    this.ticker = ticker;
    this.floorInterval = minRetriesPerSecond == 0 ? 0 : 1_000_000_000L / minRetriesPerSecond;
    this.floorTat = new AtomicLong(ticker.read());
  }

  /** A budget on the system ticker. */
  public static RetryBudget of(double ratio, int minRetriesPerSecond, int maxSavedRetries) {
    return new RetryBudget(ratio, minRetriesPerSecond, maxSavedRetries, Ticker.system());
  }

  /** A budget reading time from {@code ticker} (for the per-second allowance). */
  public static RetryBudget of(double ratio, int minRetriesPerSecond, int maxSavedRetries,
      Ticker ticker) {
    return new RetryBudget(ratio, minRetriesPerSecond, maxSavedRetries, ticker);
  }

  /** Retries earned per call. */
  public double ratio() {
    return ratio;
  }

  /** Retries allowed per second regardless of the ratio. */
  public int minRetriesPerSecond() {
    return minRetriesPerSecond;
  }

  /** Records a first attempt: earns {@code ratio} of a retry. */
  public void deposit() {
    calls.increment();
  }

  /**
   * Registers a counter of first attempts that earns retries like {@link #deposit()}: a {@link
   * Retry} counts its calls anyway, so sharing that counter makes the deposit free.
   */
  LongAdder attach() {
    LongAdder adder = new LongAdder();
    sources.add(adder);
    return adder;
  }

  private long totalCalls() {
    long sum = 0;
    for (LongAdder a : sources) {
      sum += a.sum();
    }
    return sum;
  }

  /** Spends one retry if the budget allows; false (and counted) if not. */
  public boolean tryWithdraw() {
    while (true) {
      long earned = totalCalls() * ratioMicros;
      long spent = spentMicros.get();
      long balance = earned - spent;
      if (balance > maxSavedMicros) {
        // forfeit what exceeds the cap, as if it had been capped at each deposit
        spentMicros.compareAndSet(spent, earned - maxSavedMicros);
        continue;
      }
      if (balance >= SCALE) {
        if (spentMicros.compareAndSet(spent, spent + SCALE)) {
          return true;
        }
        continue;
      }
      break;
    }
    if (floorInterval > 0) {
      long now = ticker.read();
      long burstTolerance = (minRetriesPerSecond - 1L) * floorInterval;
      while (true) {
        long t = floorTat.get();
        if (t - now > burstTolerance) {
          break;
        }
        if (floorTat.compareAndSet(t, Math.max(t, now) + floorInterval)) {
          return true;
        }
      }
    }
    denied.increment();
    return false;
  }

  /** Retries refused since creation. */
  public long deniedRetries() {
    return denied.sum();
  }

  @Override
  public String toString() {
    return "RetryBudget{ratio=" + ratio + ", minRetriesPerSecond=" + minRetriesPerSecond
        + ", maxSavedRetries=" + maxSavedMicros / SCALE + "}";
  }
}
