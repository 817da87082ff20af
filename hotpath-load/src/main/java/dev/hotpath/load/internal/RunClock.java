package dev.hotpath.load.internal;

import dev.hotpath.metrics.Ticker;

/**
 * The run's time line on the {@link Ticker}: when it started, when warm-up ends (requests intended
 * before that are not measured), when it ends, and whether it is stopping. Set by the engine's
 * thread, read by every event loop.
 */
final class RunClock {
  private final Ticker ticker;
  private volatile long start;
  private volatile long measureStart = Long.MAX_VALUE;
  private volatile long end = Long.MAX_VALUE;
  private volatile boolean started;
  private volatile boolean stopping;
  private volatile boolean interrupted;

  RunClock(Ticker ticker) {
    this.ticker = ticker;
  }

  long now() {
    return ticker.read();
  }

  /** Starts the clock now: warm-up for {@code warmupNanos}, the whole run {@code runNanos} long. */
  long begin(long warmupNanos, long runNanos) {
    long t0 = ticker.read();
    start = t0;
    measureStart = t0 + warmupNanos;
    end = t0 + runNanos;
    started = true;
    return t0;
  }

  long start() {
    return start;
  }

  long measureStart() {
    return measureStart;
  }

  long end() {
    return end;
  }

  /** Whether a request meant to start at {@code intendedAt} counts in the results (after warm-up). */
  boolean measured(long intendedAt) {
    return intendedAt - measureStart >= 0;
  }

  /** Whether new requests may still be sent (started, not stopping). */
  boolean sending() {
    return started && !stopping;
  }

  boolean stopping() {
    return stopping;
  }

  void stop() {
    stopping = true;
  }

  /** Ctrl-C: stop soon, and say so in the result. */
  void interrupt() {
    interrupted = true;
    stopping = true;
  }

  boolean interrupted() {
    return interrupted;
  }
}
