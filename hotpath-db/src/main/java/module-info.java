/** Connection pool, query inspector (digest, slow log, N+1, EXPLAIN advice), sharding, read/write routing. */
// Micrometer is an automatic module and optional: Pools.create(name, config, MeterRegistry) names its type.
@SuppressWarnings("requires-transitive-automatic")
module dev.hotpath.db {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires com.fasterxml.jackson.databind;
  requires static transitive micrometer.core;

  exports dev.hotpath.db;
}
