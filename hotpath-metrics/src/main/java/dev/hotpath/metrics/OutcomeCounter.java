package dev.hotpath.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts how requests end, from many threads, into {@link Outcomes}.
 *
 * <p>Thread-safe and lock-free; after the first error of a class, counting allocates nothing.
 * {@link #snapshot()} is a consistent-enough read for reporting: counts taken while others record
 * may miss the ones in flight, never count one twice.
 *
 * <pre>{@code
 * OutcomeCounter outcomes = new OutcomeCounter();
 * outcomes.success();
 * outcomes.error("http_5xx");
 * outcomes.snapshot().errorRate();   // 0.5
 * }</pre>
 */
public final class OutcomeCounter {
  private final LongAdder successes = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();

  /** An empty counter. */
  public OutcomeCounter() {}

  /** One request met its expectation. */
  public void success() {
    successes.increment();
  }

  /** One request failed with error class {@code errorClass} (e.g. {@code connect}, {@code http_5xx}). */
  public void error(String errorClass) {
    LongAdder adder = errors.get(errorClass);
    if (adder == null) {
      adder = errors.computeIfAbsent(errorClass, k -> new LongAdder());
    }
    adder.increment();
  }

  /** One request timed out. */
  public void timeout() {
    timeouts.increment();
  }

  /** The counts so far. */
  public Outcomes snapshot() {
    Map<String, Long> byClass = new TreeMap<>();
    errors.forEach((k, v) -> byClass.put(k, v.sum()));
    return new Outcomes(successes.sum(), byClass, timeouts.sum());
  }
}
