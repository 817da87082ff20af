/** Request timing, Server-Timing, JVM monitor, leak detector, profiler and pprof-style admin endpoints. */
module dev.hotpath.monitor {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;
  requires transitive micrometer.core;
  requires transitive jdk.httpserver;
  requires static jakarta.servlet;
  requires micrometer.registry.prometheus;
  requires static ap.loader.all; // optional: async-profiler, loaded only when a profile is asked for
  requires java.management;
  requires jdk.management;
  requires jdk.jfr;

  exports dev.hotpath.monitor;
}
