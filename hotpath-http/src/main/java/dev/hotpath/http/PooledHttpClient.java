package dev.hotpath.http;

import dev.hotpath.http.internal.ApacheClassicClient;
import dev.hotpath.metrics.Scope;
import dev.hotpath.metrics.Ticker;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.pool.PoolStats;

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
@SuppressWarnings("exports") // HttpClient 5 is optional here; users of this client bring it
public final class PooledHttpClient implements AutoCloseable {
  /** The scope metric each exchange adds its duration to. */
  public static final String METRIC = "http.client";

  // Only method calls on HttpClient types here, no catch clauses or conversions between them: the
  // JVM then links this class without loading HttpClient, an optional dependency, and create()
  // can say what to add when it is missing. The HttpClient code itself is in ApacheClassicClient.
  private final HttpClientConfig config;
  private final Ticker ticker;
  private final ApacheClassicClient apache;
  private final LongAdder exhausted = new LongAdder();

  private PooledHttpClient(HttpClientConfig config, Ticker ticker) {
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    if (!httpClientPresent()) {
      throw new IllegalStateException(
          "PooledHttpClient needs Apache HttpClient 5, an optional dependency of hotpath-http:"
              + " add " + ApacheClassicClient.ARTIFACT + " to your dependencies");
    }
    this.apache =
        new ApacheClassicClient(
            config.maxConnections(),
            config.maxConnectionsPerRoute(),
            config.idleTimeout(),
            config.keepAlive(),
            config.keepAliveDefault(),
            config.connectTimeout(),
            config.responseTimeout(),
            config.leaseTimeout());
  }

  /** Whether HttpClient 5 is on the class path, asked without linking ApacheClassicClient. */
  private static boolean httpClientPresent() {
    try {
      Class.forName(
          "org.apache.hc.client5.http.impl.classic.CloseableHttpClient", false, PooledHttpClient.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * A client with {@code config}, timed by the system ticker.
   *
   * @throws IllegalStateException naming the artifact to add when HttpClient 5 is not on the class path
   */
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
      return apache.execute(request, handler);
    } catch (ApacheClassicClient.LeaseTimeoutException e) {
      exhausted.increment();
      URI route = URI.create(request.getScheme() + "://" + request.getAuthority());
      throw new PoolExhaustedException(route, config.leaseTimeout(), stats(route), stats(), e);
    } finally {
      Scope.recordTiming(METRIC, ticker.read() - start);
    }
  }

  /** The whole pool: leased, pending and available connections, and the total limit. */
  public ConnectionPoolStats stats() {
    return convert(apache.totalStats());
  }

  /**
   * The pool for one target ({@code scheme://host:port}); all zeros with the per-route limit when
   * nothing was ever sent there.
   */
  public ConnectionPoolStats stats(URI target) {
    PoolStats s = apache.routeStats(target);
    return s == null ? new ConnectionPoolStats(0, 0, 0, config.maxConnectionsPerRoute()) : convert(s);
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
    return apache.client();
  }

  /** Closes the pool's connections and stops the evictor; in-flight exchanges are allowed to end. */
  @Override
  public void close() {
    apache.close();
  }
}
