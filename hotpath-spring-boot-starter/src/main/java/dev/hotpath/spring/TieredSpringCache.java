package dev.hotpath.spring;

import dev.hotpath.cache.CacheLoadException;
import dev.hotpath.cache.TieredCache;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.support.AbstractValueAdaptingCache;

/**
 * One Spring {@link org.springframework.cache.Cache} backed by a {@link TieredCache}: L1 in
 * process, Redis when configured, cross-instance invalidation on {@code @CacheEvict} and
 * {@code @CachePut}. Keys become strings with {@code String.valueOf(key)} (as Spring Data Redis's
 * cache does), so a key's {@code toString} must identify it; {@code null} results are cached as
 * Spring's {@code NullValue}.
 *
 * <p>{@code @Cacheable(sync = true)} runs the method once per key per instance (TieredCache's
 * single flight); without {@code sync}, Spring looks up, calls and {@link #put}s by itself.
 * {@link #clear()} drops this instance's L1 only: Redis entries of the cache live until their
 * L2 TTL (deleting them all would need a key scan). Thread-safe.
 *
 * <pre>{@code
 * @Cacheable(cacheNames = "books", sync = true)
 * public Book book(long id) { return repository.findById(id).orElseThrow(); }
 * }</pre>
 */
public final class TieredSpringCache extends AbstractValueAdaptingCache {
  private final TieredCache<String, Object> cache;

  /** A Spring cache over {@code cache}, caching {@code null} results. */
  public TieredSpringCache(TieredCache<String, Object> cache) {
    super(true);
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  @Override
  public String getName() {
    return cache.config().name();
  }

  @Override
  public TieredCache<String, Object> getNativeCache() {
    return cache;
  }

  @Override
  protected @Nullable Object lookup(Object key) {
    return cache.getIfPresent(String.valueOf(key));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
    try {
      return (T) fromStoreValue(cache.get(String.valueOf(key), k -> toStoreValue(valueLoader.call())));
    } catch (CacheLoadException e) {
      Throwable cause = e.getCause();
      throw new ValueRetrievalException(key, valueLoader, cause == null ? e : cause);
    }
  }

  @Override
  public void put(Object key, @Nullable Object value) {
    cache.put(String.valueOf(key), toStoreValue(value));
  }

  @Override
  public void evict(Object key) {
    cache.invalidate(String.valueOf(key));
  }

  @Override
  public void clear() {
    cache.invalidateLocal();
  }
}
