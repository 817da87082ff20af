package dev.hotpath.spring;

import dev.hotpath.cache.KeyCodec;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.cache.TieredCacheConfig;
import dev.hotpath.cache.ValueCodec;
import io.lettuce.core.RedisClient;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;

/**
 * A Spring {@link CacheManager} whose caches are {@link TieredCache}s ({@link TieredSpringCache}):
 * {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict} get hotpath-cache's L1, its
 * optional Redis tier with cross-instance invalidation, single flight and its consistency model
 * (docs/cache.md). Caches are created on first use of a name, each with the configuration that
 * {@code configFor} gives; with Redis, values are stored with Java serialization (they must be
 * {@link java.io.Serializable}).
 *
 * <p>Thread-safe. {@link #close()} closes every cache (not the Redis client, which is the
 * caller's).
 *
 * <pre>{@code
 * CacheManager manager = new TieredCacheManager(name -> TieredCacheConfig.ofDefaults(name), null);
 * }</pre>
 */
public final class TieredCacheManager implements CacheManager, AutoCloseable {
  private final Function<String, TieredCacheConfig> configFor;
  private final @Nullable RedisClient redis;
  private final boolean ownsClient;
  private final Map<String, TieredSpringCache> caches = new ConcurrentHashMap<>();

  /**
   * @param configFor the configuration of the cache with a given name
   * @param redis the Redis tier's client, or {@code null} for L1 + loader only
   */
  public TieredCacheManager(Function<String, TieredCacheConfig> configFor, @Nullable RedisClient redis) {
    this(configFor, redis, false);
  }

  /** With {@code ownsClient}, {@link #close()} also shuts the client down (the starter made it). */
  TieredCacheManager(Function<String, TieredCacheConfig> configFor, @Nullable RedisClient redis, boolean ownsClient) {
    this.configFor = Objects.requireNonNull(configFor, "configFor");
    this.redis = redis;
    this.ownsClient = ownsClient;
  }

  /** Creates {@code names} now, so a bad name or setting fails at startup. */
  public TieredCacheManager create(Collection<String> names) {
    names.forEach(this::getCache);
    return this;
  }

  @Override
  public Cache getCache(String name) {
    return caches.computeIfAbsent(name, this::newCache);
  }

  @Override
  public Collection<String> getCacheNames() {
    return List.copyOf(caches.keySet());
  }

  private TieredSpringCache newCache(String name) {
    TieredCache.Builder<String, Object> builder = TieredCache.builder(configFor.apply(name), KeyCodec.strings());
    RedisClient client = redis;
    if (client != null) {
      builder.redis(client, javaSerialization());
    }
    return new TieredSpringCache(builder.build());
  }

  private static ValueCodec<Object> javaSerialization() {
    SerializingConverter out = new SerializingConverter();
    DeserializingConverter in = new DeserializingConverter();
    return new ValueCodec<>() {
      @Override
      public byte[] encode(Object value) {
        return out.convert(value);
      }

      @Override
      public Object decode(byte[] bytes) {
        return in.convert(bytes);
      }
    };
  }

  @Override
  public void close() {
    caches.values().forEach(c -> c.getNativeCache().close());
    RedisClient client = redis;
    if (ownsClient && client != null) {
      client.shutdown();
    }
  }
}
