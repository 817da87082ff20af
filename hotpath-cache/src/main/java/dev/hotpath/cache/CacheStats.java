package dev.hotpath.cache;

import dev.hotpath.resilience.CircuitBreaker;

/**
 * A snapshot of a {@link TieredCache}'s counters since it was built. Immutable.
 *
 * @param l1Hits reads answered by L1
 * @param l1Misses reads that did not find a finished L1 entry
 * @param l2Hits L1 misses answered by Redis
 * @param l2Misses L1 misses Redis did not have (or could not answer)
 * @param l2Errors Redis commands that failed or timed out
 * @param l2Rejected Redis commands not sent because the breaker was open
 * @param loads loader calls (a {@code loadAll} batch counts once)
 * @param loadFailures loader calls that threw or were refused by the bulkhead
 * @param loadNanos total time spent in successful loader calls
 * @param evictions L1 entries evicted by size or expiry
 * @param invalidationsSent keys this instance invalidated
 * @param invalidationsReceived keys other instances invalidated that reached this one
 * @param l1Clears times L1 was cleared because the invalidation channel had been down
 * @param fillsRefused Redis fills refused because their lease was gone (an invalidation won)
 * @param earlyRefreshes entries refreshed ahead of expiry (XFetch)
 * @param l1Size estimated number of L1 entries
 * @param l2State state of the breaker around Redis
 */
public record CacheStats(
    long l1Hits,
    long l1Misses,
    long l2Hits,
    long l2Misses,
    long l2Errors,
    long l2Rejected,
    long loads,
    long loadFailures,
    long loadNanos,
    long evictions,
    long invalidationsSent,
    long invalidationsReceived,
    long l1Clears,
    long fillsRefused,
    long earlyRefreshes,
    long l1Size,
    CircuitBreaker.State l2State) {

  /** Mean time of a successful load in nanoseconds, 0 before the first. */
  public double meanLoadNanos() {
    return loads == 0 ? 0 : (double) loadNanos / loads;
  }
}
