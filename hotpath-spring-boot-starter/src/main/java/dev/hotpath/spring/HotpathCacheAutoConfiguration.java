package dev.hotpath.spring;

import dev.hotpath.cache.TieredCache;
import dev.hotpath.cache.TieredCacheConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;

/**
 * Spring's cache abstraction on hotpath-cache: when hotpath-cache is on the class path and the
 * application has {@code @EnableCaching} but no {@link CacheManager} of its own, a
 * {@link TieredCacheManager} configured from {@code hotpath.cache.*} ({@link CacheProperties}).
 * Redis is used when {@code hotpath.cache.redis-uri} is set or the application defines a Lettuce
 * {@link RedisClient} bean; otherwise the caches are L1 + loader. Off with
 * {@code hotpath.cache.enabled=false}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({TieredCache.class, CacheManager.class})
@ConditionalOnBean(CacheAspectSupport.class)
@ConditionalOnBooleanProperty(name = "hotpath.cache.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CacheProperties.class)
public class HotpathCacheAutoConfiguration {
  /** Created by Spring. */
  public HotpathCacheAutoConfiguration() {}

  /** The caches named in {@code hotpath.cache.cache-names} are built (and validated) now. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(CacheManager.class)
  public TieredCacheManager cacheManager(CacheProperties properties, ObjectProvider<RedisClient> redisClients) {
    RedisClient given = redisClients.getIfAvailable();
    String uri = properties.getRedisUri();
    TieredCacheManager manager;
    if (given == null && uri != null && !uri.isBlank()) {
      manager = new TieredCacheManager(name -> config(name, properties), ownClient(uri), true);
    } else {
      manager = new TieredCacheManager(name -> config(name, properties), given);
    }
    return manager.create(properties.getCacheNames());
  }

  private static RedisClient ownClient(String uri) {
    RedisClient client = RedisClient.create(uri);
    // fail fast while Redis is down instead of queueing commands until they time out
    client.setOptions(ClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    return client;
  }

  static TieredCacheConfig config(String name, CacheProperties p) {
    TieredCacheConfig.Builder b = TieredCacheConfig.builder(name);
    Long size = p.getL1MaximumSize();
    if (size != null) {
      b.l1MaximumSize(size);
    }
    Duration l1Ttl = p.getL1Ttl();
    if (l1Ttl != null) {
      b.l1Ttl(l1Ttl);
    }
    Duration l2Ttl = p.getL2Ttl();
    if (l2Ttl != null) {
      b.l2Ttl(l2Ttl);
    }
    Duration staleness = p.getMaxStaleness();
    if (staleness != null) {
      b.maxStaleness(staleness);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hotpath.cache (cache '" + name + "'): " + e.getMessage(), e);
    }
  }
}
