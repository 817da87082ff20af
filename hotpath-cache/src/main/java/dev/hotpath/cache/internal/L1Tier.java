package dev.hotpath.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.hotpath.metrics.Ticker;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The in-process tier: a synchronous Caffeine {@link Cache} of finished entries only. Loads in
 * flight live elsewhere ({@link SingleFlight}), so a hit is one Caffeine lookup with no future to
 * unwrap, and a failed load never reaches Caffeine (whose async cache logs every failure).
 *
 * <p>Two expiry modes; reads never extend an entry's life in either:
 *
 * <ul>
 *   <li><b>per entry</b> (L1 TTL jitter on): each entry expires at its own deadline (jittered TTL, or
 *       the negative TTL) plus the staleness allowance, through Caffeine's variable expiry (its
 *       timer wheel, and an {@code Expiry} call on every read, which also runs the XFetch test
 *       with the clock reading Caffeine took for the lookup, see {@link EarlyRefresh});
 *   <li><b>fixed</b> (every value gets the same L1 TTL): Caffeine's {@code expireAfterWrite(l1Ttl +
 *       staleness)}, the cheapest hit Caffeine has. Negative entries live shorter ({@code
 *       negativeTtl}), so {@link #get} checks their deadline itself, reading the clock for
 *       negative entries only, and treats one past its deadline plus the allowance as absent; it
 *       stays in Caffeine (taking room) until it is replaced or {@code l1Ttl} is over.
 * </ul>
 */
public final class L1Tier<K, V> {
  private final Cache<K, L1Entry<V>> cache;
  private final ConcurrentMap<K, L1Entry<V>> map;
  private final boolean fixed;
  private final long staleNanos;
  private final Ticker ticker;

  /**
   * @param fixedTtlNanos the L1 TTL of every value when it is the same for all (fixed expiry); 0
   *     when each entry has its own deadline (per-entry expiry)
   * @param xfetchBeta XFetch β, 0 when early refresh is off; per-entry expiry tests it on reads
   */
  public L1Tier(long maximumSize, long fixedTtlNanos, long staleNanos, double xfetchBeta, Ticker ticker,
      @Nullable Executor executor, LongAdder evictions) {
    this.fixed = fixedTtlNanos > 0;
    this.staleNanos = staleNanos;
    this.ticker = ticker;
    Caffeine<Object, Object> caffeine = Caffeine.newBuilder();
    if (executor != null) {
      caffeine.executor(executor); // else Caffeine's default (commonPool) runs its maintenance
    }
    if (ticker != Ticker.system()) {
      caffeine.ticker(ticker::read); // the system ticker is Caffeine's default: no indirection
    }
    caffeine.maximumSize(maximumSize);
    if (fixed) {
      caffeine.expireAfterWrite(Duration.ofNanos(fixedTtlNanos + staleNanos));
    } else {
      caffeine.expireAfter(new EntryExpiry<K, V>(staleNanos, xfetchBeta));
    }
    this.cache = caffeine
        .evictionListener((@Nullable K k, @Nullable L1Entry<V> v, RemovalCause c) -> evictions.increment())
        .<K, L1Entry<V>>build();
    this.map = cache.asMap();
  }

  /** The finished entry of {@code key}, or {@code null}. */
  public @Nullable L1Entry<V> get(K key) {
    L1Entry<V> e = cache.getIfPresent(key);
    return e != null && over(e) ? null : e; // a negative entry past its own TTL: Caffeine drops it later
  }

  public void put(K key, L1Entry<V> entry) {
    if (over(entry)) {
      cache.invalidate(key); // negativeTtl 0: what per-entry expiry would drop at once
    } else {
      cache.put(key, entry);
    }
  }

  /** Replaces {@code expected} (by identity) with {@code entry}; false if it was removed or replaced. */
  public boolean replace(K key, L1Entry<V> expected, L1Entry<V> entry) {
    return over(entry) ? map.remove(key, expected) : map.replace(key, expected, entry);
  }

  /**
   * Fixed expiry only: a negative entry past its own TTL plus the staleness allowance, which the
   * fixed expiry would keep until {@code l1Ttl}. Reads the clock for negative entries only.
   */
  private boolean over(L1Entry<V> e) {
    return fixed && e.value() == null && ticker.read() - e.deadlineNanos() >= staleNanos;
  }

  public void invalidate(K key) {
    cache.invalidate(key);
  }

  /** Whether L1 uses the fixed expiry (else per entry, whose reads run the XFetch test). */
  public boolean fixedExpiry() {
    return fixed;
  }

  public void clear() {
    cache.invalidateAll();
  }

  public long size() {
    return cache.estimatedSize();
  }

  /**
   * Expiry at each entry's own deadline plus the staleness allowance; reads never change it, but
   * run XFetch with Caffeine's clock reading (a hit then reads no clock of its own).
   */
  private record EntryExpiry<K, V>(long staleNanos, double beta) implements Expiry<K, L1Entry<V>> {
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
      if (beta != 0 && value.value() != null && EarlyRefresh.due(value, currentTime, beta)) {
        value.markRefreshDue();
      }
      return currentDuration;
    }
  }
}
