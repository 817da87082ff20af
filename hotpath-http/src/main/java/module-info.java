/** Compression filter, pooled HTTP client, client-side load balancer. */
module dev.hotpath.http {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;
  requires transitive dev.hotpath.resilience;

  exports dev.hotpath.http;
}
