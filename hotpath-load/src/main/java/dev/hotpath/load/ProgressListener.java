package dev.hotpath.load;

import dev.hotpath.load.result.IntervalStats;
import java.time.Duration;

/**
 * Receives one report per interval while a run goes on (for live progress), the last one included.
 * Called from the runner's reporting thread, one call at a time; must return quickly. Each
 * interval carries what completed in it and, in {@link IntervalStats#generator()}, the generator's
 * own state: requests in flight and queued, open connections, the target rate and the schedule lag.
 *
 * <pre>{@code
 * ProgressListener p = (interval, elapsed, total, warmingUp) ->
 *     System.out.printf("%s %.0f req/s (target %.0f) p99 %d ns, %d in flight on %d connections%n",
 *         elapsed, interval.rps(), interval.generator().targetRate(), interval.latency().p99(),
 *         interval.generator().inFlight(), interval.generator().openConnections());
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
  /** Does nothing. */
  ProgressListener NONE = (interval, elapsed, total, warmingUp) -> {};

  /**
   * Reports one interval.
   *
   * @param interval what completed in the last interval (during warm-up: what the warm-up did, left
   *     out of the result; its start is then the offset from the run's start)
   * @param elapsed time since the run started (warm-up included)
   * @param total planned run length (warm-up included)
   * @param warmingUp whether the interval lies in the warm-up
   */
  void onInterval(IntervalStats interval, Duration elapsed, Duration total, boolean warmingUp);
}
