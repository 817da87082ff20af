package dev.hotpath.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.hotpath.cache.Tier;
import dev.hotpath.metrics.Ticker;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The in-process tier: a synchronous Caffeine {@link Cache} of finished entries only, each stored
 * as the plain value (or {@link #ABSENT} for a remembered absence). Loads in flight live elsewhere
 * ({@link SingleFlight}), so a failed load never reaches Caffeine (whose async cache logs every
 * failure), and a hit reads Caffeine's node and nothing else: a wrapper object per entry, read on
 * every hit, cost ~45 ns of cache misses over keys spread across memory (docs/benchmarks.md).
 *
 * <p>Each entry expires at its own deadline (the jittered {@code l1Ttl}, or the negative TTL) plus
 * the staleness allowance, through Caffeine's per-entry expiry; reads never extend it. Caffeine
 * calls that expiry on every read, on the reading thread, with its clock reading and the time the
 * entry has left: that is where this tier tells a hit that its entry is <b>stale</b> (past its
 * deadline, inside the allowance) or <b>due</b> for an XFetch early refresh. The verdict is left
 * for the reading thread and taken by {@link #verdict()}; a plain fresh hit leaves none, so it
 * reads no clock and no thread-local of its own.
 *
 * <p>Thread-safe, as Caffeine is; a verdict belongs to the thread whose read left it.
 */
public final class L1Tier<K, V> {
  /** What L1 stores for a remembered absence; no value can be this object. */
  private static final Object ABSENT = new Object();

  /** The read found a fresh entry. */
  public static final int FRESH = 0;
  /** The read found an entry past its deadline, inside the staleness allowance. */
  public static final int STALE = 1;
  /** The read found a fresh value XFetch says to refresh now. */
  public static final int DUE = 2;

  /** The verdict of this thread's last read, when it was not {@link #FRESH}. */
  private static final ThreadLocal<int @Nullable []> VERDICT = new ThreadLocal<>();
  /** Verdicts left and not yet taken, over all threads: while 0, {@link #verdict} reads no thread-local. */
  private static final AtomicInteger PENDING = new AtomicInteger();

  private final Cache<K, Object> cache;
  private final Expiration expiration;
  private final XFetch xfetch;
  private final long staleNanos;

  public L1Tier(long maximumSize, Expiration expiration, XFetch xfetch, long staleNanos, Ticker ticker,
      @Nullable Executor executor, LongAdder evictions) {
    this.expiration = expiration;
    this.xfetch = xfetch;
    this.staleNanos = staleNanos;
    Caffeine<Object, Object> caffeine = Caffeine.newBuilder();
    if (executor != null) {
      caffeine.executor(executor); // else Caffeine's default (commonPool) runs its maintenance
    }
    if (ticker != Ticker.system()) {
      caffeine.ticker(ticker::read); // the system ticker is Caffeine's default: no indirection
    }
    this.cache = caffeine
        .maximumSize(maximumSize)
        .expireAfter(new EntryExpiry())
        .evictionListener((@Nullable K k, @Nullable Object v, RemovalCause c) -> evictions.increment())
        .<K, Object>build();
  }

  /**
   * What L1 holds for {@code key}: {@code null} if nothing, else an object for {@link #value}. Call
   * {@link #verdict()} right after, on the same thread, for whether it is fresh.
   */
  public @Nullable Object read(K key) {
    return cache.getIfPresent(key);
  }

  /** The verdict of this thread's last {@link #read} that found an entry: FRESH, STALE or DUE. */
  public static int verdict() {
    if (PENDING.get() == 0) {
      return FRESH;
    }
    int[] slot = VERDICT.get();
    if (slot == null || slot[0] == FRESH) {
      return FRESH;
    }
    int v = slot[0];
    slot[0] = FRESH;
    PENDING.decrementAndGet();
    return v;
  }

  /** The value of what {@link #read} returned: {@code null} for a remembered absence. */
  @SuppressWarnings("unchecked")
  public @Nullable V value(Object stored) {
    return stored == ABSENT ? null : (V) stored;
  }

  /** Stores a finished entry (a loaded one also feeds XFetch's Δ). */
  public void put(K key, L1Entry<V> entry) {
    if (entry.source() == Tier.L3) {
      xfetch.recordLoad(entry.loadNanos());
    }
    V v = entry.value();
    if (v == null && expiration.negativeTtlNanos() + staleNanos == 0) {
      cache.invalidate(key); // negative caching off: nothing to remember
      return;
    }
    cache.put(key, v == null ? ABSENT : v);
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

  private static void leave(int verdict) {
    int[] slot = VERDICT.get();
    if (slot == null) {
      slot = new int[1];
      VERDICT.set(slot);
    }
    if (slot[0] == FRESH) {
      PENDING.incrementAndGet();
    }
    slot[0] = verdict;
  }

  /**
   * Expiry at each entry's own deadline plus the staleness allowance. Reads keep it and, only near
   * the deadline, leave the reader a verdict: the common hit is one comparison.
   */
  private final class EntryExpiry implements Expiry<K, Object> {
    @Override
    public long expireAfterCreate(K key, Object value, long currentTime) {
      return expiration.l1TtlNanos(value == ABSENT) + staleNanos;
    }

    @Override
    public long expireAfterUpdate(K key, Object value, long currentTime, long currentDuration) {
      return expiration.l1TtlNanos(value == ABSENT) + staleNanos;
    }

    @Override
    public long expireAfterRead(K key, Object value, long currentTime, long currentDuration) {
      long toDeadline = currentDuration - staleNanos;
      if (toDeadline > xfetch.horizonNanos()) {
        return currentDuration;
      }
      if (toDeadline <= 0) {
        leave(STALE);
      } else if (value != ABSENT && xfetch.due(toDeadline)) {
        leave(DUE);
      }
      return currentDuration;
    }
  }
}
