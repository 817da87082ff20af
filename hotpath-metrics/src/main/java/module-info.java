/** Latency histograms, throughput, outcomes, availability, resource sampling, thresholds and the request Scope. */
module dev.hotpath.metrics {
  requires transitive org.jspecify;
  requires HdrHistogram; // filename-based automatic module: kept out of our API on purpose

  exports dev.hotpath.metrics;
}
