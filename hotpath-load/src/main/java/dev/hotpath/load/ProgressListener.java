package dev.hotpath.load;

import dev.hotpath.load.result.IntervalStats;
import java.time.Duration;

/**
 * Receives one report per interval while a run goes on (for live progress). Called from the
 * runner's reporting thread, one call at a time; must return quickly.
 *
 * <pre>{@code
 * ProgressListener p = (interval, elapsed, total, warmingUp) ->
 *     System.out.printf("%s %.0f req/s p99 %d ns%n", elapsed, interval.rps(), interval.latency().p99());
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
  /** Does nothing. */
  ProgressListener NONE = (interval, elapsed, total, warmingUp) -> {};

  /**
   * Reports one interval.
   *
   * @param interval what completed in the last interval (during warm-up: counted, then discarded)
   * @param elapsed time since the run started (warm-up included)
   * @param total planned run length (warm-up included)
   * @param warmingUp whether the interval lies in the warm-up
   */
  void onInterval(IntervalStats interval, Duration elapsed, Duration total, boolean warmingUp);
}
