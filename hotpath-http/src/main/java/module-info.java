/** Compression filter, pooled HTTP client, client-side load balancer. */
// HttpClient 5 is an automatic module; our API (execute) exposes its request and handler types.
// It is optional: only PooledHttpClient needs it, and its users put it on their path.
@SuppressWarnings("requires-transitive-automatic")
module dev.hotpath.http {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;
  requires transitive dev.hotpath.resilience;
  requires static transitive org.apache.httpcomponents.client5.httpclient5;
  requires static transitive org.apache.httpcomponents.core5.httpcore5;
  requires static transitive jakarta.servlet;
  requires static com.github.luben.zstd_jni;

  exports dev.hotpath.http;
}
