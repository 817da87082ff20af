package dev.hotpath.metrics;

/**
 * A source of monotonic nanoseconds, the one way hotpath reads elapsed time.
 *
 * <p>Everything that measures or schedules takes a {@code Ticker}, so tests drive time with a
 * {@link FakeTicker} instead of sleeping. Values are only meaningful as differences, like
 * {@link System#nanoTime()}. Implementations must be thread-safe.
 *
 * <pre>{@code
 * Ticker ticker = Ticker.system();
 * long start = ticker.read();
 * work();
 * recorder.record(ticker.read() - start);
 * }</pre>
 */
@FunctionalInterface
public interface Ticker {

  /** Returns the current reading in nanoseconds; only differences between readings mean anything. */
  long read();

  /** The ticker backed by {@link System#nanoTime()}. */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}

enum SystemTicker implements Ticker {
  INSTANCE;

  @Override
  public long read() {
    return System.nanoTime();
  }
}
