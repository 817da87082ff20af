/** Worker pool, pipeline, object and buffer pools, interner. */
module dev.hotpath.concurrency {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;

  exports dev.hotpath.concurrency;
}
