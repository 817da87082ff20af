/** Connection pool, query inspector (digest, slow log, N+1, EXPLAIN advice), sharding, read/write routing. */
module dev.hotpath.db {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires com.fasterxml.jackson.databind;
  requires static micrometer.core; // optional: only Pools.create(.., MeterRegistry) names it

  exports dev.hotpath.db;
}
