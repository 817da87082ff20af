package dev.hotpath.demo.internal;

import java.time.Duration;

/**
 * How long each measured phase of a step lasts, and with how many connections.
 *
 * @param warmup closed-model load before anything is measured (JIT, caches, pools)
 * @param closed the closed-model pass (maximum requests per second), after the warm-up
 * @param open the open-model run at the fixed offered rate
 * @param closedConnections concurrent clients of the closed model: enough to saturate 2 cores, few enough
 *     that the naive service answers within the closed window (32 left it with no answer for seconds)
 * @param openConnections connections the open model may use (requests beyond wait, counted in latency)
 * @param calibration the offered rate is this fraction of the first step's maximum requests per second
 */
public record Phases(Duration warmup, Duration closed, Duration open, int closedConnections, int openConnections,
    double calibration) {
  /** About 30 s per step: six steps and the verify pass end within 5 minutes on 2 cores. */
  public static final Phases DEFAULT =
      new Phases(Duration.ofSeconds(5), Duration.ofSeconds(8), Duration.ofSeconds(15), 16, 128, 0.75);
  /** About 11 s per step: the whole demo within 90 s. */
  public static final Phases QUICK =
      new Phases(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), 16, 128, 0.75);
}
