package dev.hotpath.cache.internal;

import dev.hotpath.cache.Tier;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * What L1 holds for a key: the value, or {@code null} for a remembered absence, with the deadline
 * it expires at and what it cost to load (XFetch weighs early refresh by that cost).
 *
 * <p>Equality is identity on purpose: an early refresh replaces exactly the entry it started from
 * ({@code ConcurrentMap.replace(key, old, new)}), never an equal-looking newer one.
 */
public final class L1Entry<V> {
  private static final int IDLE = 0;
  private static final int DUE = 1; // XFetch said refresh (per-entry expiry); the next hit starts it
  private static final int RUNNING = 2;
  private static final VarHandle REFRESH;

  static {
    try {
      REFRESH = MethodHandles.lookup().findVarHandle(L1Entry.class, "refresh", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final @Nullable V value;
  private final long deadlineNanos;
  private final long refreshHorizonNanos;
  private final long loadNanos;
  private final Tier source;
  // A field, not an AtomicBoolean: one object per entry, so a hit touches one object beyond Caffeine's node.
  private volatile int refresh; // IDLE, DUE, RUNNING

  /**
   * @param value the value, {@code null} for a negative entry
   * @param deadlineNanos ticker reading at which the entry expires (TTL with jitter applied)
   * @param refreshHorizonNanos before this reading an early refresh is never considered (it would
   *     have a probability below e^-20), so the hot path skips the logarithm
   * @param loadNanos how long the load that produced the value took
   * @param source the tier the value came from (L1 for a {@code put})
   */
  public L1Entry(@Nullable V value, long deadlineNanos, long refreshHorizonNanos, long loadNanos, Tier source) {
    this.value = value;
    this.deadlineNanos = deadlineNanos;
    this.refreshHorizonNanos = refreshHorizonNanos;
    this.loadNanos = loadNanos;
    this.source = source;
  }

  public Tier source() {
    return source;
  }

  public @Nullable V value() {
    return value;
  }

  public long deadlineNanos() {
    return deadlineNanos;
  }

  public long refreshHorizonNanos() {
    return refreshHorizonNanos;
  }

  public long loadNanos() {
    return loadNanos;
  }

  /**
   * Per-entry expiry: records that XFetch decided, at a read, to refresh this entry; the hit that
   * made the read (or a later one) starts it. No effect while a refresh runs.
   */
  public void markRefreshDue() {
    if (refresh == IDLE) {
      REFRESH.compareAndSet(this, IDLE, DUE);
    }
  }

  /** Whether {@link #markRefreshDue} was called and no refresh has been started since. */
  public boolean refreshDue() {
    return refresh == DUE;
  }

  /** Claims this entry's one background refresh; false if one already runs. */
  public boolean startRefresh() {
    int s = refresh;
    return s != RUNNING && REFRESH.compareAndSet(this, s, RUNNING);
  }

  /** Releases the claim after a refresh that could not run or failed, so a later hit may try again. */
  public void endRefresh() {
    refresh = IDLE;
  }
}
