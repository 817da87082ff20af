package dev.hotpath.cache.internal;

import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@code CacheStats} and the Micrometer binder; each tier adds to its own. */
public final class CacheCounters {
  public final LongAdder l1Hits = new LongAdder();
  public final LongAdder l1Misses = new LongAdder();
  public final LongAdder l2Hits = new LongAdder();
  public final LongAdder l2Misses = new LongAdder();
  public final LongAdder l2Errors = new LongAdder();
  public final LongAdder l2Rejected = new LongAdder();
  public final LongAdder loads = new LongAdder();
  public final LongAdder loadFailures = new LongAdder();
  public final LongAdder loadNanos = new LongAdder();
  public final LongAdder evictions = new LongAdder();
  public final LongAdder puts = new LongAdder();
  public final LongAdder invalidationsSent = new LongAdder();
  public final LongAdder invalidationsReceived = new LongAdder();
  public final LongAdder l1Clears = new LongAdder();
  public final LongAdder fillsRefused = new LongAdder();
  public final LongAdder earlyRefreshes = new LongAdder();
  public final LongAdder staleServed = new LongAdder();
}
