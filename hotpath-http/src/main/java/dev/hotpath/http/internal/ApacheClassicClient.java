package dev.hotpath.http.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Everything of {@code PooledHttpClient} that touches Apache HttpClient 5, an optional dependency:
 * this class is loaded only once a client is created, so hotpath-http's other parts (the
 * compression filter, the load balancer) work without HttpClient on the class path.
 */
public final class ApacheClassicClient implements AutoCloseable {
  /** The artifact a user adds to use {@code PooledHttpClient}. */
  public static final String ARTIFACT = "org.apache.httpcomponents.client5:httpclient5";

  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient client;

  /** A pool and client with these limits and timeouts (validated by the caller's config). */
  public ApacheClassicClient(
      int maxConnections,
      int maxConnectionsPerRoute,
      Duration idleTimeout,
      boolean keepAlive,
      Duration keepAliveDefault,
      Duration connectTimeout,
      Duration responseTimeout,
      Duration leaseTimeout) {
    this.pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(maxConnections)
            .setMaxConnPerRoute(maxConnectionsPerRoute)
            // STRICT enforces both limits exactly (LAX may overshoot the per-route limit)
            .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(timeout(connectTimeout))
                    .setSocketTimeout(timeout(responseTimeout))
                    // a pooled connection idle this long is checked before reuse (the server may have closed it)
                    .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                    .build())
            .build();
    HttpClientBuilder builder =
        HttpClients.custom()
            .setConnectionManager(pool)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectionRequestTimeout(timeout(leaseTimeout))
                    .setResponseTimeout(timeout(responseTimeout))
                    .setConnectionKeepAlive(TimeValue.of(keepAliveDefault))
                    .build())
            .evictExpiredConnections()
            .evictIdleConnections(TimeValue.of(idleTimeout));
    if (!keepAlive) {
      builder.setConnectionReuseStrategy((request, response, context) -> false);
    }
    this.client = builder.build();
  }

  private static Timeout timeout(Duration d) {
    return Timeout.ofMilliseconds(d.toMillis());
  }

  /** Thrown by {@link #execute} when no pooled connection became free in time. */
  public static final class LeaseTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    LeaseTimeoutException(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * Sends {@code request}; the handler consumes the response.
   *
   * @throws LeaseTimeoutException when no pooled connection became free within the lease timeout
   */
  public <T> T execute(ClassicHttpRequest request, HttpClientResponseHandler<? extends T> handler)
      throws IOException {
    try {
      return client.execute(request, handler);
    } catch (ConnectionRequestTimeoutException e) {
      throw new LeaseTimeoutException(e);
    }
  }

  /** The whole pool's figures. */
  public PoolStats totalStats() {
    return pool.getTotalStats();
  }

  /** The pool of the route to {@code target} (scheme://host:port), or null when never used. */
  public @Nullable PoolStats routeStats(URI target) {
    int port = target.getPort() >= 0 ? target.getPort() : ("https".equalsIgnoreCase(target.getScheme()) ? 443 : 80);
    for (HttpRoute route : pool.getRoutes()) {
      HttpHost host = route.getTargetHost();
      if (host.getHostName().equalsIgnoreCase(target.getHost())
          && host.getPort() == port
          && host.getSchemeName().equalsIgnoreCase(target.getScheme())) {
        return pool.getStats(route);
      }
    }
    return null;
  }

  /** The underlying client. */
  public CloseableHttpClient client() {
    return client;
  }

  /** Closes connections; in-flight exchanges are allowed to end. */
  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }
}
