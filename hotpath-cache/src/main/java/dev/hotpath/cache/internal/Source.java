package dev.hotpath.cache.internal;

import dev.hotpath.cache.CacheLoadException;
import dev.hotpath.cache.CacheLoader;
import dev.hotpath.cache.Tier;
import dev.hotpath.metrics.Scope;
import dev.hotpath.metrics.Ticker;
import dev.hotpath.resilience.Bulkhead;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The third tier: the caller's loader, behind a bulkhead (a cold L1 cannot stampede the source),
 * timed and counted. A failure becomes a {@link CacheLoadException}; nothing is cached for it.
 */
public final class Source<K, V> {
  private final Bulkhead bulkhead;
  private final Ticker ticker;
  private final CacheCounters counters;
  private final Expiration expiration;
  private volatile FillHooks hooks = FillHooks.NONE;

  public Source(Bulkhead bulkhead, Ticker ticker, CacheCounters counters, Expiration expiration) {
    this.bulkhead = bulkhead;
    this.ticker = ticker;
    this.counters = counters;
    this.expiration = expiration;
  }

  /** Test seam: see {@link FillHooks}. */
  public void hooks(FillHooks hooks) {
    this.hooks = Objects.requireNonNull(hooks, "hooks");
  }

  /** Loads one key; {@code k} is its encoded form (for messages and hooks). */
  public L1Entry<V> load(K key, String k, CacheLoader<? super K, ? extends V> loader) {
    long start = ticker.read();
    V value;
    try {
      value = bulkhead.call(() -> loader.load(key));
    } catch (Exception e) {
      counters.loadFailures.increment();
      throw new CacheLoadException(k, e);
    }
    long nanos = loaded(1, start);
    hooks.afterLoad(k);
    return expiration.entry(value, nanos, Tier.L3);
  }

  /**
   * Loads {@code keys} (encoded as {@code ks}, same order) with one {@link CacheLoader#loadAll};
   * every key gets an entry, a negative one when the loader left it out.
   */
  public Map<K, L1Entry<V>> loadAll(List<K> keys, List<String> ks, CacheLoader<? super K, ? extends V> loader) {
    Map<K, String> batch = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      batch.put(keys.get(i), ks.get(i));
    }
    long start = ticker.read();
    Map<? super K, ? extends V> loaded;
    try {
      loaded = bulkhead.call(() -> loader.loadAll(batch.keySet()));
    } catch (Exception e) {
      counters.loadFailures.increment();
      throw new CacheLoadException(names(ks), e);
    }
    long nanos = loaded(batch.size(), start);
    Map<K, L1Entry<V>> entries = new LinkedHashMap<>();
    batch.forEach((key, k) -> {
      hooks.afterLoad(k);
      entries.put(key, expiration.entry(loaded.get(key), nanos, Tier.L3));
    });
    return entries;
  }

  private long loaded(int keys, long start) {
    long nanos = ticker.read() - start;
    counters.loads.increment();
    counters.loadNanos.add(nanos);
    Scope.count("cache.miss", keys);
    Scope.recordTiming("cache.load", nanos);
    return nanos;
  }

  private static String names(List<String> ks) {
    return ks.size() <= 5 ? String.join(",", ks) : String.join(",", ks.subList(0, 5)) + ",...";
  }
}
