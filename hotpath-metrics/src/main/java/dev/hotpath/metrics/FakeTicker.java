package dev.hotpath.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that moves only when told to: the test double for anything time-dependent.
 *
 * <p>Thread-safe; reads and advances are atomic.
 *
 * <pre>{@code
 * FakeTicker ticker = new FakeTicker();
 * breaker = CircuitBreaker.of("db", config, ticker);
 * ticker.advance(Duration.ofSeconds(30)); // the open wait has passed, no sleep needed
 * }</pre>
 */
public final class FakeTicker implements Ticker {
  private final AtomicLong nanos;

  /** Starts at zero. */
  public FakeTicker() {
    this(0);
  }

  /** Starts at the given reading. */
  public FakeTicker(long startNanos) {
    this.nanos = new AtomicLong(startNanos);
  }

  @Override
  public long read() {
    return nanos.get();
  }

  /** Moves time forward by {@code delta} and returns this ticker. */
  public FakeTicker advance(Duration delta) {
    return advance(delta.toNanos());
  }

  /**
   * Moves time forward by {@code deltaNanos} and returns this ticker.
   *
   * @throws IllegalArgumentException if {@code deltaNanos} is negative: monotonic time never goes back
   */
  public FakeTicker advance(long deltaNanos) {
    if (deltaNanos < 0) {
      throw new IllegalArgumentException("deltaNanos must be >= 0 (monotonic time), was " + deltaNanos);
    }
    nanos.addAndGet(deltaNanos);
    return this;
  }
}
