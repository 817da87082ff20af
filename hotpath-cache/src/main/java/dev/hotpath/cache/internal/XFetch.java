package dev.hotpath.cache.internal;

import java.util.concurrent.ThreadLocalRandom;

/*
 * XFetch (Vattani, Chierichetti, Lowenstein, "Optimal Probabilistic Cache Stampede Prevention",
 * VLDB 2015): refresh when now - delta * beta * ln(rand) >= expiry, delta being the cost of the
 * load. Hot keys are refreshed shortly before they expire, by one reader, while everyone keeps
 * reading the current value; a cold key just expires.
 */

/**
 * The XFetch test, with Δ the cache's recent mean load time (an exponentially weighted mean of
 * its loads from the source) rather than each entry's own: an L1 hit then reads nothing but
 * Caffeine's node, and one cache usually has one loader whose keys cost alike.
 *
 * <p>The test only runs within the <i>horizon</i> of an entry's deadline ({@code 20·β·Δ}; further
 * away the refresh probability is below e^-20), so almost every hit is one comparison.
 *
 * <p>Thread-safe: reads see the latest published Δ and horizon; two loads recorded at once may
 * lose one sample, which an estimate can afford.
 */
public final class XFetch {
  /** -ln(p) for the smallest early-refresh probability worth a look: e^-20 ~ 2e-9. */
  private static final double HORIZON = 20;
  /** Weight of a new load in the mean: the last ~10 loads count. */
  private static final double ALPHA = 0.1;

  private final double beta;
  private volatile double meanLoadNanos;
  /** 20·β·Δ, rewritten only when it moved by more than 1/8 (hits on every core read it). */
  private volatile long horizonNanos;

  /** @param beta XFetch β; 0 turns early refresh off (the horizon stays 0) */
  public XFetch(double beta) {
    this.beta = beta;
  }

  /** Takes one load's duration into Δ (races lose a sample at worst: Δ is an estimate). */
  public void recordLoad(long nanos) {
    if (beta == 0 || nanos <= 0) {
      return;
    }
    double mean = meanLoadNanos;
    mean = mean == 0 ? nanos : mean + ALPHA * (nanos - mean);
    meanLoadNanos = mean;
    long horizon = (long) Math.min(Long.MAX_VALUE / 4.0, HORIZON * beta * mean);
    long old = horizonNanos;
    if (Math.abs(horizon - old) > old / 8) {
      horizonNanos = horizon;
    }
  }

  /** How close to its deadline an entry must be for {@link #due} to be worth calling; 0 when off. */
  public long horizonNanos() {
    return horizonNanos;
  }

  /** Δ, the recent mean load time. */
  public double meanLoadNanos() {
    return meanLoadNanos;
  }

  /** The XFetch test for an entry {@code toDeadlineNanos} (&gt; 0) before its deadline: refresh now? */
  public boolean due(long toDeadlineNanos) {
    return meanLoadNanos * beta * -Math.log(ThreadLocalRandom.current().nextDouble()) >= toDeadlineNanos;
  }
}
