package dev.hotpath.demo.shop;

import dev.hotpath.cache.TieredCache;
import dev.hotpath.cache.TieredCacheConfig;
import dev.hotpath.cache.ValueCodec;
import dev.hotpath.cache.KeyCodec;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Fix#CACHE} fix: cache-aside over a {@link TieredCache} of rendered response bodies
 * (Caffeine L1, Redis L2 when there is one). Everything the shop knows about the cache is in this
 * class, so a change of TieredCache's API touches nothing else.
 *
 * <p>Invalidation: a review changes its product's detail and the review summaries (and the rating
 * order) of its category's listing pages. The detail key is known; the listing keys of a category
 * are remembered as they are first read (before the read, so a read racing the write is either
 * invalidated or started after the commit). Orders and the top categories do not depend on reviews.
 *
 * <p>The Redis key space is unique to this process ({@code shop-<pid>-<start>}): a previous run that
 * wrote reviews must not serve its bodies to this one. With several instances, listing pages that
 * another instance filled and this one never read stay until their L1 TTL; a production shop would
 * version the category's keys instead.
 *
 * <p>Thread-safe.
 */
final class ShopCache implements AutoCloseable {
  /** Loads a body on a miss; null when the resource does not exist. */
  @FunctionalInterface
  interface BodyLoader {
    byte @Nullable [] load() throws Exception;
  }

  private final TieredCache<String, byte[]> cache;
  private final Map<Integer, Set<String>> listingKeys = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  ShopCache(@Nullable RedisClient redis) {
    String name = "shop-" + ProcessHandle.current().pid() + "-" + Long.toString(System.currentTimeMillis(), 36);
    TieredCacheConfig config = TieredCacheConfig.builder(name)
        .l1MaximumSize(100_000)
        .l1Ttl(Duration.ofMinutes(5))
        .l2Ttl(Duration.ofMinutes(10))
        .negativeTtl(Duration.ofSeconds(30))
        .build();
    TieredCache.Builder<String, byte[]> b = TieredCache.builder(config, KeyCodec.strings());
    if (redis != null) {
      b.redis(redis, ValueCodec.bytes());
    }
    this.cache = b.build();
  }

  /** The body of a listing page of {@code category}. */
  byte @Nullable [] listing(int category, String key, BodyLoader loader) {
    listingKeys.computeIfAbsent(category, k -> ConcurrentHashMap.newKeySet()).add(key);
    return get(key, loader);
  }

  /** The body of {@code key}, loaded on a miss. */
  byte @Nullable [] get(String key, BodyLoader loader) {
    boolean[] loaded = {false};
    byte[] body = cache.get(key, k -> {
      loaded[0] = true;
      return loader.load();
    });
    (loaded[0] ? misses : hits).increment();
    return body;
  }

  /** After a committed review: the product's detail and its category's listing pages. */
  void reviewed(String detailKey, int category) {
    cache.invalidate(detailKey);
    Set<String> keys = listingKeys.get(category);
    if (keys != null && !keys.isEmpty()) {
      cache.invalidateAll(Set.copyOf(keys));
    }
  }

  long hits() {
    return hits.sum();
  }

  long misses() {
    return misses.sum();
  }

  @Override
  public void close() {
    cache.close();
  }
}
