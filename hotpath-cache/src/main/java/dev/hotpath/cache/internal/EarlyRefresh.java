package dev.hotpath.cache.internal;

import dev.hotpath.cache.CacheLoader;
import dev.hotpath.cache.KeyCodec;
import dev.hotpath.metrics.Ticker;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/*
 * XFetch (Vattani, Chierichetti, Lowenstein, "Optimal Probabilistic Cache Stampede Prevention",
 * VLDB 2015): refresh when now - delta * beta * ln(rand) >= expiry, delta being the cost of the
 * load. Hot keys are refreshed shortly before they expire, by one reader, while everyone keeps
 * reading the current value; a cold key just expires.
 */

/**
 * Early expiration of hot L1 entries (XFetch). Where "now" comes from depends on L1's expiry mode:
 *
 * <ul>
 *   <li><b>per entry</b>: Caffeine already read its clock for the lookup and hands the reading to
 *       the {@code Expiry} on every read; L1's expiry runs {@link #due} there and marks the entry,
 *       and the hit only looks at that mark (a field of the entry it already holds). Every read is
 *       tested, with no clock read of our own.
 *   <li><b>fixed</b>: Caffeine does not share its reading, so the test runs on one L1 hit in 8,
 *       chosen at random: reading the clock on every hit would double the cost of a hit. A hot key
 *       is read often enough that its refresh starts only a few reads later; a cold key rarely
 *       refreshes early, as intended.
 * </ul>
 *
 * <p>A refresh replaces only the very entry it started from, so it never undoes an invalidation
 * or overwrites a newer load.
 */
public final class EarlyRefresh<K, V> {
  private static final System.Logger LOG = System.getLogger(EarlyRefresh.class.getName());
  private static final int SAMPLE_MASK = 7;

  private final Ticker ticker;
  private final double beta;
  private final Executor executor;
  private final KeyCodec<K> keyCodec;
  private final L1Tier<K, V> l1;
  private final ReadThrough<K, V> readThrough;
  private final CacheCounters counters;
  private final boolean markedByExpiry;

  public EarlyRefresh(Ticker ticker, double beta, Executor executor, KeyCodec<K> keyCodec,
      L1Tier<K, V> l1, ReadThrough<K, V> readThrough, CacheCounters counters) {
    this.ticker = ticker;
    this.beta = beta;
    this.executor = executor;
    this.keyCodec = keyCodec;
    this.l1 = l1;
    this.readThrough = readThrough;
    this.counters = counters;
    this.markedByExpiry = !l1.fixedExpiry();
  }

  /**
   * The XFetch test at ticker reading {@code now}: {@code now - Δ·β·ln(rand) >= deadline}, skipping
   * the logarithm before the entry's horizon (a probability below e^-20).
   */
  static boolean due(L1Entry<?> e, long now, double beta) {
    if (now - e.refreshHorizonNanos() < 0) {
      return false;
    }
    double gap = e.loadNanos() * beta * -Math.log(ThreadLocalRandom.current().nextDouble());
    return now + gap >= e.deadlineNanos();
  }

  /** Called on an L1 hit of a value; schedules a background refresh when XFetch says so. */
  public void onHit(K key, L1Entry<V> e, CacheLoader<? super K, ? extends V> loader) {
    if (markedByExpiry) {
      if (!e.refreshDue()) {
        return;
      }
    } else if ((ThreadLocalRandom.current().nextInt() & SAMPLE_MASK) != 0 || !due(e, ticker.read(), beta)) {
      return;
    }
    if (!e.startRefresh()) {
      return;
    }
    try {
      executor.execute(() -> refresh(key, e, loader));
    } catch (RuntimeException rejected) {
      e.endRefresh();
    }
  }

  private void refresh(K key, L1Entry<V> old, CacheLoader<? super K, ? extends V> loader) {
    try {
      L1Entry<V> entry = readThrough.refresh(key, keyCodec.encode(key), loader);
      if (l1.replace(key, old, entry)) {
        counters.earlyRefreshes.increment();
      }
    } catch (RuntimeException ex) {
      old.endRefresh();
      LOG.log(Level.DEBUG, "early refresh failed: {0}", ex.toString());
    }
  }
}
