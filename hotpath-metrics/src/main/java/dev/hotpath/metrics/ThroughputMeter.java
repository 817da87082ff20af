package dev.hotpath.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts events and bytes from many threads and reports the throughput of each interval.
 *
 * <p>Thread-safe: {@link #mark} is lock-free (striped counters, no allocation);
 * {@link #intervalThroughput()} may be called by one reader at a time.
 *
 * <pre>{@code
 * ThroughputMeter meter = new ThroughputMeter(Ticker.system());
 * meter.mark(responseBytes);                    // per request, any thread
 * double rps = meter.intervalThroughput().perSecond();   // once a second
 * }</pre>
 */
public final class ThroughputMeter {
  private final Ticker ticker;
  private final LongAdder count = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private long intervalStart;

  /** A meter whose first interval starts now. */
  public ThroughputMeter(Ticker ticker) {
    this.ticker = ticker;
    this.intervalStart = ticker.read();
  }

  /** One event of {@code byteCount} bytes. */
  public void mark(long byteCount) {
    count.increment();
    bytes.add(byteCount);
  }

  /** The throughput since the previous call (or creation); starts a new interval. */
  public synchronized Throughput intervalThroughput() {
    long now = ticker.read();
    long elapsed = Math.max(1, now - intervalStart);
    intervalStart = now;
    return new Throughput(count.sumThenReset(), bytes.sumThenReset(), elapsed);
  }
}
