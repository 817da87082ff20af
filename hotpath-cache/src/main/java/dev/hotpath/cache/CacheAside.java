package dev.hotpath.cache;

import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * The cache-aside pattern over a {@link TieredCache}: reads go through the cache, writes go to the
 * source of truth and then invalidate the key. Invalidation is the safe default when several
 * writers may race on one key (deletions commute); {@link TieredCache#put} writes the new value
 * through instead, for a single writer per key.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * CacheAside<Long, User> users = new CacheAside<>(cache);
 * User u = users.read(7L, id -> dao.find(id));
 * users.update(7L, () -> dao.rename(7L, "Ada"));   // commit first, then invalidate
 * }</pre>
 */
public final class CacheAside<K, V> {
  private final TieredCache<K, V> cache;

  /** Cache-aside over {@code cache}. */
  public CacheAside(TieredCache<K, V> cache) {
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /** The cached value of {@code key}, loaded with {@code loader} on a miss. */
  public @Nullable V read(K key, CacheLoader<? super K, ? extends V> loader) {
    return cache.get(key, loader);
  }

  /**
   * Runs {@code writer} (which must have committed the change to the source of truth when it
   * returns), then invalidates {@code key} everywhere; returns the writer's result. If the writer
   * throws, nothing is invalidated and the exception propagates.
   */
  public <R extends @Nullable Object> R update(K key, Callable<R> writer) throws Exception {
    R result = writer.call();
    cache.invalidate(key);
    return result;
  }

  /** The cache underneath. */
  public TieredCache<K, V> cache() {
    return cache;
  }
}
