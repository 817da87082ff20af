/** Compression filter, pooled HTTP client, client-side load balancer. */
module dev.hotpath.http {
  requires transitive org.jspecify;
  requires transitive dev.hotpath.metrics;
  requires transitive dev.hotpath.resilience;
  // Optional and not re-exported: only PooledHttpClient names HttpClient 5 types and only
  // CompressionFilter names Servlet types; their users bring (and require) those modules, while a
  // user of LoadBalancer alone compiles without either.
  requires static org.apache.httpcomponents.client5.httpclient5;
  requires static org.apache.httpcomponents.core5.httpcore5;
  requires static jakarta.servlet;
  requires static com.github.luben.zstd_jni;

  exports dev.hotpath.http;
}
