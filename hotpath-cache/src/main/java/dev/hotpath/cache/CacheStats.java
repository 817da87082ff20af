package dev.hotpath.cache;

import dev.hotpath.cache.internal.CacheCounters;
import dev.hotpath.resilience.CircuitBreaker;

/**
 * A snapshot of a {@link TieredCache}'s counters since it was built. Immutable. A final class, not
 * a record, so adding a counter never breaks a caller; instances come from
 * {@link TieredCache#stats()} only.
 */
public final class CacheStats {
  private final long l1Hits;
  private final long l1Misses;
  private final long l2Hits;
  private final long l2Misses;
  private final long l2Errors;
  private final long l2Rejected;
  private final long loads;
  private final long loadFailures;
  private final long loadNanos;
  private final long evictions;
  private final long puts;
  private final long invalidationsSent;
  private final long invalidationsReceived;
  private final long l1Clears;
  private final long fillsRefused;
  private final long earlyRefreshes;
  private final long staleServed;
  private final long l1Size;
  private final CircuitBreaker.State l2State;
  private final L2Status l2Status;

  CacheStats(CacheCounters c, long l1Size, CircuitBreaker.State l2State, L2Status l2Status) {
    this.l1Hits = c.l1Hits.sum();
    this.l1Misses = c.l1Misses.sum();
    this.l2Hits = c.l2Hits.sum();
    this.l2Misses = c.l2Misses.sum();
    this.l2Errors = c.l2Errors.sum();
    this.l2Rejected = c.l2Rejected.sum();
    this.loads = c.loads.sum();
    this.loadFailures = c.loadFailures.sum();
    this.loadNanos = c.loadNanos.sum();
    this.evictions = c.evictions.sum();
    this.puts = c.puts.sum();
    this.invalidationsSent = c.invalidationsSent.sum();
    this.invalidationsReceived = c.invalidationsReceived.sum();
    this.l1Clears = c.l1Clears.sum();
    this.fillsRefused = c.fillsRefused.sum();
    this.earlyRefreshes = c.earlyRefreshes.sum();
    this.staleServed = c.staleServed.sum();
    this.l1Size = l1Size;
    this.l2State = l2State;
    this.l2Status = l2Status;
  }

  /** Reads answered by L1 (fresh entries; stale ones are counted in {@link #staleServed()}). */
  public long l1Hits() {
    return l1Hits;
  }

  /** Reads that did not find a fresh L1 entry. */
  public long l1Misses() {
    return l1Misses;
  }

  /** L1 misses answered by Redis. */
  public long l2Hits() {
    return l2Hits;
  }

  /** L1 misses Redis did not have (or could not answer). */
  public long l2Misses() {
    return l2Misses;
  }

  /** Redis commands that failed or timed out. */
  public long l2Errors() {
    return l2Errors;
  }

  /** Redis commands not sent because the breaker was open. */
  public long l2Rejected() {
    return l2Rejected;
  }

  /** Loader calls (a {@code loadAll} batch counts once). */
  public long loads() {
    return loads;
  }

  /** Loader calls that threw or were refused by the bulkhead. */
  public long loadFailures() {
    return loadFailures;
  }

  /** Total time spent in successful loader calls. */
  public long loadNanos() {
    return loadNanos;
  }

  /** Mean time of a successful load in nanoseconds, 0 before the first. */
  public double meanLoadNanos() {
    return loads == 0 ? 0 : (double) loadNanos / loads;
  }

  /** L1 entries evicted by size or expiry. */
  public long evictions() {
    return evictions;
  }

  /** {@link TieredCache#put} calls. */
  public long puts() {
    return puts;
  }

  /** Keys this instance invalidated (puts included: they invalidate other instances' copies). */
  public long invalidationsSent() {
    return invalidationsSent;
  }

  /** Keys other instances invalidated or put that reached this one. */
  public long invalidationsReceived() {
    return invalidationsReceived;
  }

  /** Times L1 was cleared because invalidations may have been missed (channel down, late attach). */
  public long l1Clears() {
    return l1Clears;
  }

  /** Redis fills refused because their lease was gone (an invalidation won). */
  public long fillsRefused() {
    return fillsRefused;
  }

  /** Entries refreshed ahead of expiry (XFetch). */
  public long earlyRefreshes() {
    return earlyRefreshes;
  }

  /** Reads answered with a value past its TTL, within {@code maxStaleness}. */
  public long staleServed() {
    return staleServed;
  }

  /** Estimated number of L1 entries. */
  public long l1Size() {
    return l1Size;
  }

  /** State of the breaker around Redis. */
  public CircuitBreaker.State l2State() {
    return l2State;
  }

  /** The Redis tier's health; {@link L2Status#degraded()} when configured but not in use. */
  public L2Status l2Status() {
    return l2Status;
  }

  @Override
  public String toString() {
    return "CacheStats[l1Hits=" + l1Hits + ", l1Misses=" + l1Misses + ", l2Hits=" + l2Hits
        + ", l2Misses=" + l2Misses + ", l2Errors=" + l2Errors + ", l2Rejected=" + l2Rejected
        + ", loads=" + loads + ", loadFailures=" + loadFailures + ", evictions=" + evictions
        + ", puts=" + puts + ", invalidationsSent=" + invalidationsSent + ", invalidationsReceived="
        + invalidationsReceived + ", staleServed=" + staleServed + ", l1Size=" + l1Size
        + ", l2Status=" + l2Status + "]";
  }
}
