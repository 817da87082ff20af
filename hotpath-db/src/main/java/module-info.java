/** Connection pool, query inspector (digest, slow log, N+1, EXPLAIN advice), sharding, read/write routing. */
module dev.hotpath.db {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;
  requires transitive java.sql;

  exports dev.hotpath.db;
}
