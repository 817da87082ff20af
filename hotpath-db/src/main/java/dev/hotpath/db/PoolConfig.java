package dev.hotpath.db;

import static dev.hotpath.metrics.ConfigChecks.inRange;
import static dev.hotpath.metrics.ConfigChecks.require;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The guide's pool settings (max open, max idle, max lifetime, max idle time, connection timeout)
 * plus validation and leak detection; immutable, and validated once in {@link Builder#build()} with
 * no silent clamping (HikariCP quietly replaces some out-of-range values with defaults; these checks
 * come first, with HikariCP 7.1's own limits, so that never happens). The pool's name is an argument
 * of {@link Pools#create(String, PoolConfig)}.
 *
 * <p>Mapping onto HikariCP: {@code maxOpen} is {@code maximumPoolSize}; {@code maxIdle} is {@code
 * minimumIdle}, the connections kept open while idle; connections above it are closed after
 * {@code maxIdleTime} ({@code idleTimeout}). Sizing: start from {@code cores × 2 + spindles} of
 * the <em>database</em> server (see docs/db.md), not from the number of application threads.
 * Thread-safe (immutable); {@link #toString()} never shows the password.
 *
 * <pre>{@code
 * PoolConfig config = PoolConfig.builder("jdbc:postgresql://db:5432/shop")
 *     .username("shop")
 *     .maxOpen(10).maxIdle(5)
 *     .connectionTimeout(Duration.ofSeconds(2))
 *     .build();
 * Pool pool = Pools.create("shop", config);
 * }</pre>
 */
public final class PoolConfig {
  private static final Duration TIMEOUT_FLOOR = Duration.ofMillis(250); // HikariCP's SOFT_TIMEOUT_FLOOR

  private final String jdbcUrl;
  private final @Nullable String username;
  private final @Nullable String password;
  private final int maxOpen;
  private final int maxIdle;
  private final Duration maxLifetime;
  private final Duration maxIdleTime;
  private final Duration connectionTimeout;
  private final Duration validationTimeout;
  private final Duration leakDetectionThreshold;
  private final Map<String, String> driverProperties;

  private PoolConfig(Builder b) {
    this.jdbcUrl = b.jdbcUrl;
    this.username = b.username;
    this.password = b.password;
    this.maxOpen = b.maxOpen;
    this.maxIdle = b.resolvedMaxIdle();
    this.maxLifetime = b.maxLifetime;
    this.maxIdleTime = b.maxIdleTime;
    this.connectionTimeout = b.connectionTimeout;
    this.validationTimeout = b.resolvedValidationTimeout();
    this.leakDetectionThreshold = b.leakDetectionThreshold;
    this.driverProperties = Map.copyOf(b.driverProperties);
  }

  /** The defaults for {@code jdbcUrl}: 10 open, 10 idle (a fixed-size pool), 30 min lifetime, 10 min idle time, 30 s connection timeout, 5 s validation timeout (half the connection timeout, within [250 ms, 5 s]), leak detection off. */
  public static PoolConfig ofDefaults(String jdbcUrl) {
    return builder(jdbcUrl).build();
  }

  /** A builder for {@code jdbcUrl} starting from the defaults. */
  public static Builder builder(String jdbcUrl) {
    return new Builder(jdbcUrl);
  }

  /** A builder holding {@code base}'s values, to change some of them. */
  public static Builder from(PoolConfig base) {
    return new Builder(base);
  }

  /** The JDBC URL. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The user; empty to take it from the URL. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The password; empty for none. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** Most connections open at once, 1 to 10,000. */
  public int maxOpen() {
    return maxOpen;
  }

  /** Connections kept open when idle, 0 to {@code maxOpen}; unless set, {@code maxOpen} (a fixed-size pool). */
  public int maxIdle() {
    return maxIdle;
  }

  /** A connection is retired after this long: 0 (never) or at least 30 s. */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /** Idle connections above {@code maxIdle} close after this: 0 (never) or at least 10 s, and at least 1 s below a set {@code maxLifetime} (HikariCP ignores it otherwise). */
  public Duration maxIdleTime() {
    return maxIdleTime;
  }

  /** How long {@code getConnection} waits for a free connection before {@link PoolExhaustedException}: at least 250 ms (HikariCP’s floor). */
  public Duration connectionTimeout() {
    return connectionTimeout;
  }

  /** How long a liveness check may take: 250 ms to {@code connectionTimeout}, at most 1 h; unless set, half the connection timeout within [250 ms, 5 s]. */
  public Duration validationTimeout() {
    return validationTimeout;
  }

  /** Log a connection held longer than this: 0 (off) or at least 2 s and at most a set {@code maxLifetime}. */
  public Duration leakDetectionThreshold() {
    return leakDetectionThreshold;
  }

  /** Extra driver properties. */
  public Map<String, String> driverProperties() {
    return driverProperties;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof PoolConfig o)) {
      return false;
    }
    return Objects.equals(jdbcUrl, o.jdbcUrl)
        && Objects.equals(username, o.username)
        && Objects.equals(password, o.password)
        && maxOpen == o.maxOpen
        && maxIdle == o.maxIdle
        && Objects.equals(maxLifetime, o.maxLifetime)
        && Objects.equals(maxIdleTime, o.maxIdleTime)
        && Objects.equals(connectionTimeout, o.connectionTimeout)
        && Objects.equals(validationTimeout, o.validationTimeout)
        && Objects.equals(leakDetectionThreshold, o.leakDetectionThreshold)
        && Objects.equals(driverProperties, o.driverProperties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        jdbcUrl,
        username,
        password,
        maxOpen,
        maxIdle,
        maxLifetime,
        maxIdleTime,
        connectionTimeout,
        validationTimeout,
        leakDetectionThreshold,
        driverProperties);
  }

  @Override
  public String toString() {
    return "PoolConfig{"
        + "jdbcUrl=" + jdbcUrl
        + ", username=" + username
        + ", password=" + (password == null ? "none" : "<set>")
        + ", maxOpen=" + maxOpen
        + ", maxIdle=" + maxIdle
        + ", maxLifetime=" + maxLifetime
        + ", maxIdleTime=" + maxIdleTime
        + ", connectionTimeout=" + connectionTimeout
        + ", validationTimeout=" + validationTimeout
        + ", leakDetectionThreshold=" + leakDetectionThreshold
        + ", driverProperties=" + driverProperties
        + "}";
  }

  /** Builds a {@link PoolConfig}; {@link #build()} validates every setting. Not thread-safe. */
  public static final class Builder {
    private final String jdbcUrl;
    private @Nullable String username;
    private @Nullable String password;
    private int maxOpen = 10;
    private int maxIdle;
    private Duration maxLifetime = Duration.ofMinutes(30);
    private Duration maxIdleTime = Duration.ofMinutes(10);
    private Duration connectionTimeout = Duration.ofSeconds(30);
    private @Nullable Duration validationTimeout;
    private Duration leakDetectionThreshold = Duration.ZERO;
    private Map<String, String> driverProperties = new LinkedHashMap<>();
    private boolean maxIdleSet;

    private Builder(String jdbcUrl) {
      this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    private Builder(PoolConfig base) {
      this.jdbcUrl = base.jdbcUrl;
      this.username = base.username;
      this.password = base.password;
      this.maxOpen = base.maxOpen;
      this.maxIdle = base.maxIdle;
      this.maxLifetime = base.maxLifetime;
      this.maxIdleTime = base.maxIdleTime;
      this.connectionTimeout = base.connectionTimeout;
      this.validationTimeout = base.validationTimeout;
      this.leakDetectionThreshold = base.leakDetectionThreshold;
      this.driverProperties = new LinkedHashMap<>(base.driverProperties);
      this.maxIdleSet = true;
    }

    /** See {@link PoolConfig#username()}. */
    public Builder username(String value) {
      this.username = Objects.requireNonNull(value, "username");
      return this;
    }

    /** See {@link PoolConfig#password()}. */
    public Builder password(String value) {
      this.password = Objects.requireNonNull(value, "password");
      return this;
    }

    /** See {@link PoolConfig#maxOpen()}. */
    public Builder maxOpen(int value) {
      this.maxOpen = value;
      return this;
    }

    /** See {@link PoolConfig#maxIdle()}; unless set, it follows {@code maxOpen} (a fixed-size pool). */
    public Builder maxIdle(int value) {
      this.maxIdle = value;
      this.maxIdleSet = true;
      return this;
    }

    /** See {@link PoolConfig#maxLifetime()}. */
    public Builder maxLifetime(Duration value) {
      this.maxLifetime = Objects.requireNonNull(value, "maxLifetime");
      return this;
    }

    /** See {@link PoolConfig#maxIdleTime()}. */
    public Builder maxIdleTime(Duration value) {
      this.maxIdleTime = Objects.requireNonNull(value, "maxIdleTime");
      return this;
    }

    /** See {@link PoolConfig#connectionTimeout()}. */
    public Builder connectionTimeout(Duration value) {
      this.connectionTimeout = Objects.requireNonNull(value, "connectionTimeout");
      return this;
    }

    /** See {@link PoolConfig#validationTimeout()}; unless set, half the connection timeout, within [250 ms, 5 s]. */
    public Builder validationTimeout(Duration value) {
      this.validationTimeout = Objects.requireNonNull(value, "validationTimeout");
      return this;
    }

    /** See {@link PoolConfig#leakDetectionThreshold()}. */
    public Builder leakDetectionThreshold(Duration value) {
      this.leakDetectionThreshold = Objects.requireNonNull(value, "leakDetectionThreshold");
      return this;
    }

    /** Adds one driver property. */
    public Builder driverProperty(String name, String value) {
      driverProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    private int resolvedMaxIdle() {
      return maxIdleSet ? maxIdle : maxOpen;
    }

    private Duration resolvedValidationTimeout() {
      Duration set = validationTimeout;
      if (set != null) {
        return set;
      }
      Duration half = connectionTimeout.dividedBy(2);
      Duration fiveSeconds = Duration.ofSeconds(5);
      return half.compareTo(fiveSeconds) > 0 ? fiveSeconds : half.compareTo(TIMEOUT_FLOOR) < 0 ? TIMEOUT_FLOOR : half;
    }

    /**
     * Validates every setting and how they relate, and builds the config.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public PoolConfig build() {
      require(jdbcUrl.startsWith("jdbc:"), "PoolConfig.jdbcUrl", "a JDBC URL starting with 'jdbc:'", "'" + jdbcUrl + "'");
      inRange("PoolConfig.maxOpen", maxOpen, 1, 10_000);
      int idle = resolvedMaxIdle();
      require(idle >= 0 && idle <= maxOpen, "PoolConfig.maxIdle", "in [0, maxOpen=" + maxOpen + "]", idle);
      boolean lifetimeSet = !maxLifetime.isZero();
      require(maxLifetime.isZero() || maxLifetime.compareTo(Duration.ofSeconds(30)) >= 0,
          "PoolConfig.maxLifetime", "0 (never retire) or >= 30s", maxLifetime);
      require(maxIdleTime.isZero() || maxIdleTime.compareTo(Duration.ofSeconds(10)) >= 0,
          "PoolConfig.maxIdleTime", "0 (never close idle) or >= 10s", maxIdleTime);
      require(!lifetimeSet || maxIdleTime.compareTo(maxLifetime.minusSeconds(1)) <= 0,
          "PoolConfig.maxIdleTime", "at most maxLifetime - 1s = " + (lifetimeSet ? maxLifetime.minusSeconds(1) : maxLifetime), maxIdleTime);
      require(connectionTimeout.compareTo(TIMEOUT_FLOOR) >= 0, "PoolConfig.connectionTimeout", ">= 250ms", connectionTimeout);
      Duration validation = resolvedValidationTimeout();
      Duration validationMax = connectionTimeout.compareTo(Duration.ofHours(1)) < 0 ? connectionTimeout : Duration.ofHours(1);
      require(validation.compareTo(TIMEOUT_FLOOR) >= 0 && validation.compareTo(validationMax) <= 0,
          "PoolConfig.validationTimeout", "in [250ms, min(connectionTimeout, 1h) = " + validationMax + "]", validation);
      require(leakDetectionThreshold.isZero()
              || (leakDetectionThreshold.compareTo(Duration.ofSeconds(2)) >= 0
                  && (!lifetimeSet || leakDetectionThreshold.compareTo(maxLifetime) <= 0)),
          "PoolConfig.leakDetectionThreshold", "0 (off) or in [2s, maxLifetime=" + maxLifetime + "]", leakDetectionThreshold);
      return new PoolConfig(this);
    }
  }
}
