package dev.hotpath.cache.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Invalidations that could not reach Redis (down, breaker open, not yet connected), kept for
 * replay. While a key is pending, reads of it bypass Redis, whose copy may be older than the
 * write: read-your-writes on the writing instance. Bounded; beyond the bound a key's Redis copy
 * lives until its L2 TTL (logged once per overflow).
 */
public final class InvalidationLog {
  private static final System.Logger LOG = System.getLogger(InvalidationLog.class.getName());

  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final String cacheName;
  private final int max;

  public InvalidationLog(String cacheName, int max) {
    this.cacheName = cacheName;
    this.max = max;
  }

  /** Whether {@code key}'s Redis copy may be stale because its invalidation did not get through. */
  public boolean isPending(String key) {
    return !pending.isEmpty() && pending.contains(key);
  }

  public boolean isEmpty() {
    return pending.isEmpty();
  }

  /** Records invalidations that did not reach Redis. */
  public void failed(Collection<String> keys) {
    if (pending.size() + keys.size() <= max) {
      pending.addAll(keys);
    } else {
      LOG.log(Level.WARNING,
          "cache {0}: {1} invalidations pending while Redis is unreachable; dropping {2}; "
              + "their Redis copies live until l2Ttl",
          cacheName, pending.size(), keys.size());
    }
  }

  /** Forgets invalidations that reached Redis. */
  public void settled(Collection<String> keys) {
    pending.removeAll(keys);
  }

  /** The pending keys, to replay. */
  public List<String> snapshot() {
    return new ArrayList<>(pending);
  }
}
