/** Multi-level cache (Caffeine L1, Redis L2, loader L3), cache-aside, invalidation, stampede protection. */
// Lettuce is an automatic module; RedisClient is part of our builder's API, so it is transitive.
@SuppressWarnings("requires-transitive-automatic")
module dev.hotpath.cache {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;
  requires transitive dev.hotpath.resilience;
  requires com.github.benmanes.caffeine;
  requires transitive lettuce.core;
  // optional: only ValueCodec.json(...) needs Jackson, only TieredCacheMetrics needs Micrometer
  requires static com.fasterxml.jackson.databind;
  requires static micrometer.core;

  exports dev.hotpath.cache;
}
