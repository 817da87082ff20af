/** Multi-level cache (Caffeine L1, Redis L2, loader L3), cache-aside, invalidation, stampede protection. */
// Lettuce is an automatic module; RedisClient is part of our builder's API, so it is transitive.
@SuppressWarnings("requires-transitive-automatic")
module dev.hotpath.cache {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;
  requires transitive dev.hotpath.resilience;
  requires transitive com.github.benmanes.caffeine;
  requires transitive lettuce.core;
  requires transitive com.fasterxml.jackson.databind;

  exports dev.hotpath.cache;
}
