/**
 * The guide's "Key Performance Metrics" as code: latency histograms, throughput, outcomes,
 * availability, resource sampling, threshold expressions and the request {@code Scope}.
 */
module dev.hotpath.metrics {
  requires transitive org.jspecify;
  requires HdrHistogram; // a filename-based automatic module: kept out of our API on purpose
  requires jdk.management; // process CPU time and open file descriptors

  exports dev.hotpath.metrics;
}
