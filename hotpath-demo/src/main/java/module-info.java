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
  requires java.net.http;
  requires jdk.httpserver;
  requires com.rabbitmq.client;
  requires com.h2database;
}
