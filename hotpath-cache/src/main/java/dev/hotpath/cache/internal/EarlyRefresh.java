package dev.hotpath.cache.internal;

import dev.hotpath.cache.CacheLoader;
import dev.hotpath.cache.KeyCodec;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;

/**
 * Early expiration of hot L1 entries: when a hit's read was found {@linkplain L1Tier#DUE due} by
 * {@link XFetch} (L1's expiry runs the test near an entry's deadline), the key is reloaded in the
 * background while every reader keeps the current value.
 *
 * <p>The refresh is an ordinary load in flight ({@link SingleFlight}): one per key at a time
 * (a hit that finds a load in flight starts nothing), callers that miss meanwhile wait for it
 * instead of loading again, and an invalidation or a put detaches it, so a refresh that began
 * before either never stores what it read.
 */
public final class EarlyRefresh<K, V> {
  private static final System.Logger LOG = System.getLogger(EarlyRefresh.class.getName());

  private final Executor executor;
  private final KeyCodec<K> keyCodec;
  private final L1Tier<K, V> l1;
  private final SingleFlight<K, V> flights;
  private final ReadThrough<K, V> readThrough;
  private final CacheCounters counters;

  public EarlyRefresh(Executor executor, KeyCodec<K> keyCodec, L1Tier<K, V> l1, SingleFlight<K, V> flights,
      ReadThrough<K, V> readThrough, CacheCounters counters) {
    this.executor = executor;
    this.keyCodec = keyCodec;
    this.l1 = l1;
    this.flights = flights;
    this.readThrough = readThrough;
    this.counters = counters;
  }

  /** Called on a hit whose read was due: starts the key's background refresh unless a load is in flight. */
  public void start(K key, CacheLoader<? super K, ? extends V> loader) {
    SingleFlight.Claim<V> claim = flights.claim(key);
    if (!claim.owner()) {
      return;
    }
    SingleFlight.Flight<V> flight = claim.flight();
    try {
      executor.execute(() -> refresh(key, flight, loader));
    } catch (RuntimeException rejected) {
      flights.abandon(key, flight); // a later due hit tries again
    }
  }

  private void refresh(K key, SingleFlight.Flight<V> flight, CacheLoader<? super K, ? extends V> loader) {
    L1Entry<V> entry;
    try {
      entry = readThrough.refresh(key, keyCodec.encode(key), loader);
    } catch (Throwable t) {
      flights.fail(key, flight, t); // callers that missed meanwhile get the failure, as from their own load
      LOG.log(Level.DEBUG, "early refresh failed: {0}", t.toString());
      if (t instanceof Error e) {
        throw e;
      }
      return;
    }
    if (flights.finish(key, flight, entry, l1::put)) {
      counters.earlyRefreshes.increment();
    }
  }
}
