/** Circuit breaker, bulkhead, rate limiter, retry, time limiter and adaptive concurrency limiter. */
module dev.hotpath.resilience {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;
  requires static micrometer.core; // optional: only ResilienceMetrics uses it

  exports dev.hotpath.resilience;
}
