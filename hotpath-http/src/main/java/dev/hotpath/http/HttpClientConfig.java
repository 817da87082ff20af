package dev.hotpath.http;

import static dev.hotpath.metrics.ConfigChecks.inRange;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link PooledHttpClient}, the guide's "connection pooling" knobs made explicit and
 * validated.
 *
 * <p>Defaults follow the guide's Go transport: 100 connections in all, 10 per route (host), idle
 * connections closed after 90 s, keep-alive on; plus the timeouts its sketch folded into one 30 s
 * deadline, split so each failure says what was slow: 5 s to connect, 30 s of response silence, and
 * 2 s to wait for a pooled connection before {@link PoolExhaustedException}.
 *
 * <p>Immutable; {@link Builder#build()} validates every setting once and a bad value throws {@link
 * IllegalArgumentException} naming the setting, the value and the allowed range. Thread-safe.
 *
 * <pre>{@code
 * HttpClientConfig config = HttpClientConfig.builder()
 *     .maxConnectionsPerRoute(50)
 *     .responseTimeout(Duration.ofSeconds(2))
 *     .build();
 * }</pre>
 */
public final class HttpClientConfig {
  private static final HttpClientConfig DEFAULTS = builder().build();

  private final int maxConnections;
  private final int maxConnectionsPerRoute;
  private final Duration idleTimeout;
  private final boolean keepAlive;
  private final Duration keepAliveDefault;
  private final Duration connectTimeout;
  private final Duration responseTimeout;
  private final Duration leaseTimeout;

  private HttpClientConfig(Builder b) {
    this.maxConnections = b.maxConnections;
    this.maxConnectionsPerRoute = b.maxConnectionsPerRoute;
    this.idleTimeout = b.idleTimeout;
    this.keepAlive = b.keepAlive;
    this.keepAliveDefault = b.keepAliveDefault;
    this.connectTimeout = b.connectTimeout;
    this.responseTimeout = b.responseTimeout;
    this.leaseTimeout = b.leaseTimeout;
  }

  /** The guide’s settings: see the class description. */
  public static HttpClientConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code base}'s values, to change some of them. */
  public static Builder from(HttpClientConfig base) {
    return new Builder(base);
  }

  /** Connections open at once over all routes, 1 to 100,000. */
  public int maxConnections() {
    return maxConnections;
  }

  /** Connections open at once to one route, 1 to {@code maxConnections}. */
  public int maxConnectionsPerRoute() {
    return maxConnectionsPerRoute;
  }

  /** An idle pooled connection is closed after this long, 1 ms to 1 h. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** Whether connections are reused at all (false: one exchange per connection). */
  public boolean keepAlive() {
    return keepAlive;
  }

  /** How long a connection may be reused when the server’s response does not say (a server’s {@code Keep-Alive: timeout=n} wins), 1 ms to 1 h. */
  public Duration keepAliveDefault() {
    return keepAliveDefault;
  }

  /** TCP (and TLS) connect deadline, 1 ms to 10 min. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Longest silence while waiting for response bytes, 1 ms to 1 h. */
  public Duration responseTimeout() {
    return responseTimeout;
  }

  /** How long a request waits for a pooled connection, 1 ms to 10 min. */
  public Duration leaseTimeout() {
    return leaseTimeout;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof HttpClientConfig o)) {
      return false;
    }
    return maxConnections == o.maxConnections
        && maxConnectionsPerRoute == o.maxConnectionsPerRoute
        && Objects.equals(idleTimeout, o.idleTimeout)
        && keepAlive == o.keepAlive
        && Objects.equals(keepAliveDefault, o.keepAliveDefault)
        && Objects.equals(connectTimeout, o.connectTimeout)
        && Objects.equals(responseTimeout, o.responseTimeout)
        && Objects.equals(leaseTimeout, o.leaseTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxConnections,
        maxConnectionsPerRoute,
        idleTimeout,
        keepAlive,
        keepAliveDefault,
        connectTimeout,
        responseTimeout,
        leaseTimeout);
  }

  @Override
  public String toString() {
    return "HttpClientConfig{"
        + "maxConnections=" + maxConnections
        + ", maxConnectionsPerRoute=" + maxConnectionsPerRoute
        + ", idleTimeout=" + idleTimeout
        + ", keepAlive=" + keepAlive
        + ", keepAliveDefault=" + keepAliveDefault
        + ", connectTimeout=" + connectTimeout
        + ", responseTimeout=" + responseTimeout
        + ", leaseTimeout=" + leaseTimeout
        + "}";
  }

  /** Builds a {@link HttpClientConfig}; {@link #build()} validates every setting. Not thread-safe. */
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

    private Builder(HttpClientConfig base) {
      this.maxConnections = base.maxConnections;
      this.maxConnectionsPerRoute = base.maxConnectionsPerRoute;
      this.idleTimeout = base.idleTimeout;
      this.keepAlive = base.keepAlive;
      this.keepAliveDefault = base.keepAliveDefault;
      this.connectTimeout = base.connectTimeout;
      this.responseTimeout = base.responseTimeout;
      this.leaseTimeout = base.leaseTimeout;
    }

    /** See {@link HttpClientConfig#maxConnections()}. */
    public Builder maxConnections(int value) {
      this.maxConnections = value;
      return this;
    }

    /** See {@link HttpClientConfig#maxConnectionsPerRoute()}. */
    public Builder maxConnectionsPerRoute(int value) {
      this.maxConnectionsPerRoute = value;
      return this;
    }

    /** See {@link HttpClientConfig#idleTimeout()}. */
    public Builder idleTimeout(Duration value) {
      this.idleTimeout = Objects.requireNonNull(value, "idleTimeout");
      return this;
    }

    /** See {@link HttpClientConfig#keepAlive()}. */
    public Builder keepAlive(boolean value) {
      this.keepAlive = value;
      return this;
    }

    /** See {@link HttpClientConfig#keepAliveDefault()}. */
    public Builder keepAliveDefault(Duration value) {
      this.keepAliveDefault = Objects.requireNonNull(value, "keepAliveDefault");
      return this;
    }

    /** See {@link HttpClientConfig#connectTimeout()}. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
      return this;
    }

    /** See {@link HttpClientConfig#responseTimeout()}. */
    public Builder responseTimeout(Duration value) {
      this.responseTimeout = Objects.requireNonNull(value, "responseTimeout");
      return this;
    }

    /** See {@link HttpClientConfig#leaseTimeout()}. */
    public Builder leaseTimeout(Duration value) {
      this.leaseTimeout = Objects.requireNonNull(value, "leaseTimeout");
      return this;
    }

    /**
     * Validates every setting and how they relate, and builds the config.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public HttpClientConfig build() {
      inRange("HttpClientConfig.maxConnections", maxConnections, 1, 100_000);
      inRange("HttpClientConfig.maxConnectionsPerRoute", maxConnectionsPerRoute, 1, maxConnections);
      inRange("HttpClientConfig.idleTimeout", idleTimeout, Duration.ofMillis(1), Duration.ofHours(1));
      inRange("HttpClientConfig.keepAliveDefault", keepAliveDefault, Duration.ofMillis(1), Duration.ofHours(1));
      inRange("HttpClientConfig.connectTimeout", connectTimeout, Duration.ofMillis(1), Duration.ofMinutes(10));
      inRange("HttpClientConfig.responseTimeout", responseTimeout, Duration.ofMillis(1), Duration.ofHours(1));
      inRange("HttpClientConfig.leaseTimeout", leaseTimeout, Duration.ofMillis(1), Duration.ofMinutes(10));
      return new HttpClientConfig(this);
    }
  }
}
