package dev.hotpath.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * The tally of how requests ended: successes, errors by class (e.g. {@code connect},
 * {@code http_5xx}) and timeouts, with the guide's error rate and timeout rate.
 *
 * <p>Definitions: {@code total = successes + errors + timeouts}; error rate = (errors + timeouts) /
 * total — a timed-out request failed too, as in k6's {@code http_req_failed}; timeout rate =
 * timeouts / total. Both are 0 when nothing ended. Immutable and thread-safe.
 *
 * @param successes requests that met their expectation
 * @param errorsByClass failed requests (not timeouts) per error class, sorted by class
 * @param timeouts requests that did not finish within their timeout
 */
public record Outcomes(long successes, Map<String, Long> errorsByClass, long timeouts) {
  /** Nothing ended. */
  public static final Outcomes NONE = new Outcomes(0, Map.of(), 0);

  /** Validates and copies. */
  public Outcomes {
    if (successes < 0 || timeouts < 0) {
      throw new IllegalArgumentException("counts must be >= 0: successes=" + successes + " timeouts=" + timeouts);
    }
    errorsByClass.forEach(
        (k, v) -> {
          if (v < 0) {
            throw new IllegalArgumentException("error count of '" + k + "' must be >= 0, was " + v);
          }
        });
    errorsByClass = java.util.Collections.unmodifiableMap(new TreeMap<>(errorsByClass));
  }

  /** Errors of all classes, timeouts excluded. */
  public long errors() {
    return errorsByClass.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Every request that ended. */
  public long total() {
    return successes + errors() + timeouts;
  }

  /** Requests that failed, timeouts included. */
  public long failures() {
    return errors() + timeouts;
  }

  /** (errors + timeouts) / total, from 0 to 1. */
  public double errorRate() {
    long total = total();
    return total == 0 ? 0 : (double) failures() / total;
  }

  /** timeouts / total, from 0 to 1. */
  public double timeoutRate() {
    long total = total();
    return total == 0 ? 0 : (double) timeouts / total;
  }

  /** Both tallies added, class by class. */
  public Outcomes plus(Outcomes other) {
    Map<String, Long> errors = new TreeMap<>(errorsByClass);
    other.errorsByClass.forEach((k, v) -> errors.merge(k, v, Long::sum));
    return new Outcomes(successes + other.successes, errors, timeouts + other.timeouts);
  }
}
