/** Request timing, Server-Timing, JVM monitor, leak detector, profiler and pprof-style admin endpoints. */
module dev.hotpath.monitor {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;

  exports dev.hotpath.monitor;
}
