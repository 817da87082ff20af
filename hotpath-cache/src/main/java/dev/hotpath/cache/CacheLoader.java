package dev.hotpath.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The source of truth behind a {@link TieredCache} (its third tier): a database query, a remote
 * call, any function of the key.
 *
 * <p>Returning {@code null} (or leaving a key out of {@link #loadAll}) means "no such value"; the
 * cache then remembers the absence for the short negative TTL, so repeated lookups of missing keys
 * do not reach the source (cache penetration).
 *
 * <p>Implementations must be thread-safe: the cache calls them from many threads at once, though
 * never twice at the same time for one key in one JVM.
 *
 * <pre>{@code
 * CacheLoader<Long, User> loader = id -> userDao.find(id);  // null when there is no such user
 * }</pre>
 */
@FunctionalInterface
public interface CacheLoader<K, V> {

  /** Loads the value of {@code key}, or returns {@code null} when it does not exist. */
  @Nullable V load(K key) throws Exception;

  /**
   * Loads several keys in one batch (one query with {@code IN (...)}); keys absent from the result
   * do not exist. The default calls {@link #load} for each key; override it to batch.
   */
  default Map<K, V> loadAll(Set<? extends K> keys) throws Exception {
    Map<K, V> result = new HashMap<>();
    for (K key : keys) {
      V value = load(key);
      if (value != null) {
        result.put(key, value);
      }
    }
    return result;
  }
}
