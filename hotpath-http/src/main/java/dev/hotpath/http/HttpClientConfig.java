package dev.hotpath.http;

import static dev.hotpath.http.internal.Checks.requireDuration;
import static dev.hotpath.http.internal.Checks.requireRange;

import java.time.Duration;

/**
 * Settings of {@link PooledHttpClient}, the guide's "connection pooling" knobs made explicit and
 * validated.
 *
 * <p>Defaults follow the guide's Go transport: 100 connections in all, 10 per route (host), idle
 * connections closed after 90 s, keep-alive on; plus the timeouts its sketch folded into one 30 s
 * deadline, split so each failure says what was slow: 5 s to connect, 30 s of response silence, and
 * 2 s to wait for a pooled connection before {@link PoolExhaustedException}.
 *
 * <p>Immutable; a bad value throws {@link IllegalArgumentException} naming the setting, the value
 * and the allowed range. Thread-safe.
 *
 * <pre>{@code
 * HttpClientConfig config = HttpClientConfig.builder()
 *     .maxConnectionsPerRoute(50)
 *     .responseTimeout(Duration.ofSeconds(2))
 *     .build();
 * }</pre>
 *
 * @param maxConnections connections open at once over all routes, 1 to 100,000
 * @param maxConnectionsPerRoute connections open at once to one route, 1 to {@code maxConnections}
 * @param idleTimeout an idle pooled connection is closed after this long, 1 ms to 1 h
 * @param keepAlive whether connections are reused at all (false: one exchange per connection)
 * @param keepAliveDefault how long a connection may be reused when the server's response does not
 *     say (a server's {@code Keep-Alive: timeout=n} wins), 1 ms to 1 h
 * @param connectTimeout TCP (and TLS) connect deadline, 1 ms to 10 min
 * @param responseTimeout longest silence while waiting for response bytes, 1 ms to 1 h
 * @param leaseTimeout how long a request waits for a pooled connection, 1 ms to 10 min
 */
public record HttpClientConfig(
    int maxConnections,
    int maxConnectionsPerRoute,
    Duration idleTimeout,
    boolean keepAlive,
    Duration keepAliveDefault,
    Duration connectTimeout,
    Duration responseTimeout,
    Duration leaseTimeout) {

  /** Validates. */
  public HttpClientConfig {
    requireRange("maxConnections", maxConnections, 1, 100_000);
    requireRange("maxConnectionsPerRoute", maxConnectionsPerRoute, 1, maxConnections);
    requireDuration("idleTimeout", idleTimeout, Duration.ofMillis(1), Duration.ofHours(1));
    requireDuration("keepAliveDefault", keepAliveDefault, Duration.ofMillis(1), Duration.ofHours(1));
    requireDuration("connectTimeout", connectTimeout, Duration.ofMillis(1), Duration.ofMinutes(10));
    requireDuration("responseTimeout", responseTimeout, Duration.ofMillis(1), Duration.ofHours(1));
    requireDuration("leaseTimeout", leaseTimeout, Duration.ofMillis(1), Duration.ofMinutes(10));
  }



  /** The guide's settings: see the class description. */
  public static HttpClientConfig ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(HttpClientConfig base) {
    return new Builder()
        .maxConnections(base.maxConnections)
        .maxConnectionsPerRoute(base.maxConnectionsPerRoute)
        .idleTimeout(base.idleTimeout)
        .keepAlive(base.keepAlive)
        .keepAliveDefault(base.keepAliveDefault)
        .connectTimeout(base.connectTimeout)
        .responseTimeout(base.responseTimeout)
        .leaseTimeout(base.leaseTimeout);
  }

  /** Builds an {@link HttpClientConfig}; not thread-safe. */
  public static final class Builder {
    private int maxConnections = 100;
    private int maxConnectionsPerRoute = 10;
    private Duration idleTimeout = Duration.ofSeconds(90);
    private boolean keepAlive = true;
    private Duration keepAliveDefault = Duration.ofSeconds(90);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration responseTimeout = Duration.ofSeconds(30);
    private Duration leaseTimeout = Duration.ofSeconds(2);

    private Builder() {}

    /** Connections open at once over all routes, default 100. */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /** Connections open at once to one route, default 10. */
    public Builder maxConnectionsPerRoute(int maxConnectionsPerRoute) {
      this.maxConnectionsPerRoute = maxConnectionsPerRoute;
      return this;
    }

    /** Idle pooled connections are closed after this long, default 90 s. */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** Whether connections are reused, default true. */
    public Builder keepAlive(boolean keepAlive) {
      this.keepAlive = keepAlive;
      return this;
    }

    /** Reuse period when the server does not state one, default 90 s. */
    public Builder keepAliveDefault(Duration keepAliveDefault) {
      this.keepAliveDefault = keepAliveDefault;
      return this;
    }

    /** Connect deadline, default 5 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Longest wait for response bytes, default 30 s. */
    public Builder responseTimeout(Duration responseTimeout) {
      this.responseTimeout = responseTimeout;
      return this;
    }

    /** Longest wait for a pooled connection, default 2 s. */
    public Builder leaseTimeout(Duration leaseTimeout) {
      this.leaseTimeout = leaseTimeout;
      return this;
    }

    /** Validates and builds. */
    public HttpClientConfig build() {
      return new HttpClientConfig(
          maxConnections, maxConnectionsPerRoute, idleTimeout, keepAlive, keepAliveDefault,
          connectTimeout, responseTimeout, leaseTimeout);
    }
  }
}
