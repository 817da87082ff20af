package dev.hotpath.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.hotpath.metrics.Ticker;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The in-process tier: a synchronous Caffeine {@link Cache} of finished entries only. Loads in
 * flight live elsewhere ({@link SingleFlight}), so a hit is one Caffeine lookup with no future to
 * unwrap, and a failed load never reaches Caffeine (whose async cache logs every failure).
 *
 * <p>Each entry expires at its own deadline (jittered TTL, or the negative TTL) plus the configured
 * staleness allowance, through Caffeine's variable expiry; reads never extend an entry's life.
 */
public final class L1Tier<K, V> {
  private final Cache<K, L1Entry<V>> cache;
  private final ConcurrentMap<K, L1Entry<V>> map;

  public L1Tier(long maximumSize, long staleNanos, Ticker ticker, @Nullable Executor executor, LongAdder evictions) {
    Caffeine<Object, Object> caffeine = Caffeine.newBuilder();
    if (executor != null) {
      caffeine.executor(executor); // else Caffeine's default (commonPool) runs its maintenance
    }
    if (ticker != Ticker.system()) {
      caffeine.ticker(ticker::read); // the system ticker is Caffeine's default: no indirection
    }
    this.cache =
        caffeine
            .maximumSize(maximumSize)
            .expireAfter(new EntryExpiry<K, V>(staleNanos))
            .evictionListener((@Nullable K k, @Nullable L1Entry<V> v, RemovalCause c) -> evictions.increment())
            .build();
    this.map = cache.asMap();
  }

  /** The finished entry of {@code key}, or {@code null}. */
  public @Nullable L1Entry<V> get(K key) {
    return cache.getIfPresent(key);
  }

  public void put(K key, L1Entry<V> entry) {
    cache.put(key, entry);
  }

  /** Replaces {@code expected} (by identity) with {@code entry}; false if it was removed or replaced. */
  public boolean replace(K key, L1Entry<V> expected, L1Entry<V> entry) {
    return map.replace(key, expected, entry);
  }

  public void invalidate(K key) {
    cache.invalidate(key);
  }

  public void clear() {
    cache.invalidateAll();
  }

  public long size() {
    return cache.estimatedSize();
  }

  /** Expiry at each entry's own deadline plus the staleness allowance; reads change nothing. */
  private record EntryExpiry<K, V>(long staleNanos) implements Expiry<K, L1Entry<V>> {
    @Override
    public long expireAfterCreate(K key, L1Entry<V> value, long currentTime) {
      return Math.max(0, value.deadlineNanos() - currentTime + staleNanos);
    }

    @Override
    public long expireAfterUpdate(K key, L1Entry<V> value, long currentTime, long currentDuration) {
      return Math.max(0, value.deadlineNanos() - currentTime + staleNanos);
    }

    @Override
    public long expireAfterRead(K key, L1Entry<V> value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
