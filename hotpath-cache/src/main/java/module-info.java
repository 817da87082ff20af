/** Multi-level cache (Caffeine L1, Redis L2, loader L3), cache-aside, invalidation, stampede protection. */
module dev.hotpath.cache {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;

  exports dev.hotpath.cache;
}
