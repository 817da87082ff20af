package dev.hotpath.http;

import dev.hotpath.metrics.Scope;
import dev.hotpath.metrics.Ticker;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
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

/**
 * One pooled HTTP client (Apache HttpClient 5, classic API) built from {@link HttpClientConfig}:
 * the guide's connection pooling without its flaw of round-robining over several clients that each
 * pool on their own. One instance per application (or per downstream service) is the intended use.
 *
 * <p>Guarantees: at most {@code maxConnections} connections in all and {@code maxConnectionsPerRoute}
 * per host; idle connections are closed after {@code idleTimeout} by a background evictor; a
 * request that cannot get a connection within {@code leaseTimeout} fails with {@link
 * PoolExhaustedException} (never sent, safe to retry); a silent server fails the request after
 * {@code responseTimeout} with {@link java.net.SocketTimeoutException}. Every exchange adds its
 * duration to the current {@link Scope} as {@code http.client}. {@link #stats()} reports leased,
 * pending and available connections for gauges.
 *
 * <p>Thread-safe; works from platform and virtual threads. Use {@code execute} with a response
 * handler: the handler consumes the body and the connection returns to the pool even when it throws.
 *
 * <pre>{@code
 * try (PooledHttpClient client = PooledHttpClient.create(HttpClientConfig.ofDefaults())) {
 *   String body = client.execute(new HttpGet("http://inventory:8080/items/7"),
 *       response -> EntityUtils.toString(response.getEntity()));
 * }
 * }</pre>
 */
public final class PooledHttpClient implements AutoCloseable {
  /** The scope metric each exchange adds its duration to. */
  public static final String METRIC = "http.client";

  private final HttpClientConfig config;
  private final Ticker ticker;
  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient client;
  private final LongAdder exhausted = new LongAdder();

  private PooledHttpClient(HttpClientConfig config, Ticker ticker) {
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(config.maxConnections())
            .setMaxConnPerRoute(config.maxConnectionsPerRoute())
            // STRICT enforces both limits exactly (LAX may overshoot the per-route limit)
            .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(timeout(config.connectTimeout()))
                    .setSocketTimeout(timeout(config.responseTimeout()))
                    // a pooled connection idle this long is checked before reuse (the server may have closed it)
                    .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                    .build())
            .build();
    HttpClientBuilder builder =
        HttpClients.custom()
            .setConnectionManager(pool)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectionRequestTimeout(timeout(config.leaseTimeout()))
                    .setResponseTimeout(timeout(config.responseTimeout()))
                    .setConnectionKeepAlive(TimeValue.of(config.keepAliveDefault()))
                    .build())
            .evictExpiredConnections()
            .evictIdleConnections(TimeValue.of(config.idleTimeout()));
    if (!config.keepAlive()) {
      builder.setConnectionReuseStrategy((request, response, context) -> false);
    }
    this.client = builder.build();
  }

  private static Timeout timeout(java.time.Duration d) {
    return Timeout.ofMilliseconds(d.toMillis());
  }

  /** A client with {@code config}, timed by the system ticker. */
  public static PooledHttpClient create(HttpClientConfig config) {
    return new PooledHttpClient(config, Ticker.system());
  }

  /** A client with {@code config}; {@code ticker} times the exchanges it adds to the scope. */
  public static PooledHttpClient create(HttpClientConfig config, Ticker ticker) {
    return new PooledHttpClient(config, ticker);
  }

  /** The settings this client was built with. */
  public HttpClientConfig config() {
    return config;
  }

  /**
   * Sends {@code request} and hands the response to {@code handler}, which must consume what it
   * needs of the body; the connection goes back to the pool afterwards in every case.
   *
   * @throws PoolExhaustedException if no connection became free within the lease timeout
   * @throws java.net.SocketTimeoutException if the server was silent longer than the response timeout
   * @throws java.net.ConnectException if the connection could not be made (refused, or connect timeout)
   */
  public <T> T execute(ClassicHttpRequest request, HttpClientResponseHandler<? extends T> handler) throws IOException {
    long start = ticker.read();
    try {
      return client.execute(request, handler);
    } catch (ConnectionRequestTimeoutException e) {
      exhausted.increment();
      URI route = routeOf(request);
      throw new PoolExhaustedException(route, config.leaseTimeout(), stats(route), stats(), e);
    } finally {
      Scope.recordTiming(METRIC, ticker.read() - start);
    }
  }

  private static URI routeOf(ClassicHttpRequest request) {
    return URI.create(request.getScheme() + "://" + request.getAuthority());
  }

  /** The whole pool: leased, pending and available connections, and the total limit. */
  public ConnectionPoolStats stats() {
    return convert(pool.getTotalStats());
  }

  /**
   * The pool for one target ({@code scheme://host:port}); all zeros with the per-route limit when
   * nothing was ever sent there.
   */
  public ConnectionPoolStats stats(URI target) {
    int port = target.getPort() >= 0 ? target.getPort() : ("https".equalsIgnoreCase(target.getScheme()) ? 443 : 80);
    for (HttpRoute route : pool.getRoutes()) {
      HttpHost host = route.getTargetHost();
      if (host.getHostName().equalsIgnoreCase(target.getHost())
          && host.getPort() == port
          && host.getSchemeName().equalsIgnoreCase(target.getScheme())) {
        return convert(pool.getStats(route));
      }
    }
    return new ConnectionPoolStats(0, 0, 0, config.maxConnectionsPerRoute());
  }

  private static ConnectionPoolStats convert(PoolStats s) {
    return new ConnectionPoolStats(s.getLeased(), s.getPending(), s.getAvailable(), s.getMax());
  }

  /** How many requests failed with {@link PoolExhaustedException} since creation. */
  public long exhaustedCount() {
    return exhausted.sum();
  }

  /** The underlying HttpClient, for what this class does not wrap (async, custom contexts). */
  public CloseableHttpClient unwrap() {
    return client;
  }

  /** Closes the pool's connections and stops the evictor; in-flight exchanges are allowed to end. */
  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }
}
