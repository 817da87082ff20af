package dev.hotpath.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hotpath.cache.*}: the {@link TieredCacheManager} that backs Spring's cache abstraction
 * ({@code @Cacheable}) when hotpath-cache is on the class path and the application enables
 * caching. Every cache gets these settings; a setting left out keeps hotpath-cache's default
 * ({@code TieredCacheConfig.ofDefaults}). Values are checked by {@code TieredCacheConfig} at startup.
 *
 * <pre>{@code
 * hotpath.cache.cache-names=books,authors
 * hotpath.cache.l1-ttl=30s
 * hotpath.cache.redis-uri=redis://127.0.0.1:6379   # leave out for L1 + loader only
 * }</pre>
 */
@ConfigurationProperties("hotpath.cache")
public class CacheProperties {
  /** The defaults; Spring binds the properties over them. */
  public CacheProperties() {}

  /** Whether to back Spring's caching with TieredCache (when no other CacheManager is defined). */
  private boolean enabled = true;

  /** Caches created at startup; with none, a cache is created on first use of its name. */
  private List<String> cacheNames = new ArrayList<>();

  /** Entries kept in process per cache. */
  private @Nullable Long l1MaximumSize;

  /** Life of an L1 entry: the bound on a stale read from this instance. */
  private @Nullable Duration l1Ttl;

  /** Life of a Redis entry. */
  private @Nullable Duration l2Ttl;

  /** How long past its TTL an entry may be served while another caller reloads it; 0 = never. */
  private @Nullable Duration maxStaleness;

  /**
   * Redis for the shared L2 tier and cross-instance invalidation, e.g. redis://127.0.0.1:6379;
   * unset: L1 only (unless the application defines a Lettuce RedisClient bean).
   */
  private @Nullable String redisUri;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public List<String> getCacheNames() {
    return cacheNames;
  }

  public void setCacheNames(List<String> cacheNames) {
    this.cacheNames = cacheNames;
  }

  public @Nullable Long getL1MaximumSize() {
    return l1MaximumSize;
  }

  public void setL1MaximumSize(@Nullable Long l1MaximumSize) {
    this.l1MaximumSize = l1MaximumSize;
  }

  public @Nullable Duration getL1Ttl() {
    return l1Ttl;
  }

  public void setL1Ttl(@Nullable Duration l1Ttl) {
    this.l1Ttl = l1Ttl;
  }

  public @Nullable Duration getL2Ttl() {
    return l2Ttl;
  }

  public void setL2Ttl(@Nullable Duration l2Ttl) {
    this.l2Ttl = l2Ttl;
  }

  public @Nullable Duration getMaxStaleness() {
    return maxStaleness;
  }

  public void setMaxStaleness(@Nullable Duration maxStaleness) {
    this.maxStaleness = maxStaleness;
  }

  public @Nullable String getRedisUri() {
    return redisUri;
  }

  public void setRedisUri(@Nullable String redisUri) {
    this.redisUri = redisUri;
  }
}
