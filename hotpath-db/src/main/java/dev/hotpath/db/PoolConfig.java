package dev.hotpath.db;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The guide's pool settings (max open, max idle, max lifetime, max idle time, connection timeout)
 * plus validation and leak detection; immutable and validated on construction, with no silent
 * clamping (HikariCP quietly replaces some out-of-range values with defaults; these checks come
 * first, so that never happens).
 *
 * <p>Mapping onto HikariCP: {@code maxOpen} is {@code maximumPoolSize}; {@code maxIdle} is {@code
 * minimumIdle}, the connections kept open while idle; connections above it are closed after
 * {@code maxIdleTime} ({@code idleTimeout}). Sizing: start from {@code cores × 2 + spindles} of
 * the <em>database</em> server (see docs/db.md), not from the number of application threads.
 *
 * <pre>{@code
 * PoolConfig config = PoolConfig.builder("jdbc:postgresql://db:5432/shop")
 *     .username("shop")
 *     .maxOpen(10).maxIdle(5)
 *     .connectionTimeout(Duration.ofSeconds(2))
 *     .build();
 * }</pre>
 *
 * @param jdbcUrl the JDBC URL
 * @param username user, or {@code null} to take it from the URL
 * @param password password, or {@code null}
 * @param poolName name in logs and metrics
 * @param maxOpen most connections open at once (1 to 10,000)
 * @param maxIdle connections kept open when idle (0 to {@code maxOpen})
 * @param maxLifetime a connection is retired after this long ({@code 0} = never, else ≥ 30 s)
 * @param maxIdleTime idle connections above {@code maxIdle} close after this ({@code 0} = never,
 *     else ≥ 10 s and below {@code maxLifetime})
 * @param connectionTimeout how long {@code getConnection} waits for a free connection before
 *     {@link PoolExhaustedException} (≥ 250 ms)
 * @param validationTimeout how long a liveness check may take (≥ 250 ms, below {@code
 *     connectionTimeout})
 * @param leakDetectionThreshold log a connection held longer than this ({@code 0} = off, else ≥ 2 s
 *     and below {@code maxLifetime})
 * @param driverProperties extra driver properties
 */
public record PoolConfig(
    String jdbcUrl,
    @Nullable String username,
    @Nullable String password,
    String poolName,
    int maxOpen,
    int maxIdle,
    Duration maxLifetime,
    Duration maxIdleTime,
    Duration connectionTimeout,
    Duration validationTimeout,
    Duration leakDetectionThreshold,
    Map<String, String> driverProperties) {

  /** Validates every setting and how they relate. */
  public PoolConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(poolName, "poolName");
    Objects.requireNonNull(maxLifetime, "maxLifetime");
    Objects.requireNonNull(maxIdleTime, "maxIdleTime");
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    Objects.requireNonNull(validationTimeout, "validationTimeout");
    Objects.requireNonNull(leakDetectionThreshold, "leakDetectionThreshold");
    driverProperties = Map.copyOf(driverProperties);
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("jdbcUrl must start with 'jdbc:', was '" + jdbcUrl + "'");
    }
    if (maxOpen < 1 || maxOpen > 10_000) {
      throw new IllegalArgumentException("maxOpen must be in [1, 10000], was " + maxOpen);
    }
    if (maxIdle < 0 || maxIdle > maxOpen) {
      throw new IllegalArgumentException(
          "maxIdle must be in [0, maxOpen=" + maxOpen + "], was " + maxIdle);
    }
    boolean lifetimeSet = !maxLifetime.isZero();
    if (maxLifetime.isNegative() || (lifetimeSet && maxLifetime.compareTo(Duration.ofSeconds(30)) < 0)) {
      throw new IllegalArgumentException(
          "maxLifetime must be 0 (never retire) or >= 30s, was " + maxLifetime);
    }
    if (maxIdleTime.isNegative()
        || (!maxIdleTime.isZero() && maxIdleTime.compareTo(Duration.ofSeconds(10)) < 0)) {
      throw new IllegalArgumentException(
          "maxIdleTime must be 0 (never close idle) or >= 10s, was " + maxIdleTime);
    }
    if (lifetimeSet && maxIdleTime.compareTo(maxLifetime) >= 0) {
      throw new IllegalArgumentException(
          "maxIdleTime must be below maxLifetime=" + maxLifetime + ", was " + maxIdleTime);
    }
    if (connectionTimeout.compareTo(Duration.ofMillis(250)) < 0) {
      throw new IllegalArgumentException(
          "connectionTimeout must be >= 250ms, was " + connectionTimeout);
    }
    if (validationTimeout.compareTo(Duration.ofMillis(250)) < 0
        || validationTimeout.compareTo(connectionTimeout) > 0) {
      throw new IllegalArgumentException(
          "validationTimeout must be in [250ms, connectionTimeout=" + connectionTimeout + "], was "
              + validationTimeout);
    }
    if (leakDetectionThreshold.isNegative()
        || (!leakDetectionThreshold.isZero()
            && (leakDetectionThreshold.compareTo(Duration.ofSeconds(2)) < 0
                || (lifetimeSet && leakDetectionThreshold.compareTo(maxLifetime) >= 0)))) {
      throw new IllegalArgumentException(
          "leakDetectionThreshold must be 0 (off) or in [2s, maxLifetime=" + maxLifetime + "), was "
              + leakDetectionThreshold);
    }
  }

  /** A builder for {@code jdbcUrl} with the defaults below. */
  public static Builder builder(String jdbcUrl) {
    return new Builder(jdbcUrl);
  }

  /**
   * The defaults for {@code jdbcUrl}: 10 open, 10 idle, 30 min lifetime, 10 min idle time, 30 s
   * connection timeout, 5 s validation timeout (at most half the connection timeout), leak detection off.
   */
  public static PoolConfig ofDefaults(String jdbcUrl) {
    return builder(jdbcUrl).build();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(PoolConfig base) {
    Builder b =
        new Builder(base.jdbcUrl)
            .poolName(base.poolName)
            .maxOpen(base.maxOpen)
            .maxIdle(base.maxIdle)
            .maxLifetime(base.maxLifetime)
            .maxIdleTime(base.maxIdleTime)
            .connectionTimeout(base.connectionTimeout)
            .validationTimeout(base.validationTimeout)
            .leakDetectionThreshold(base.leakDetectionThreshold);
    b.username = base.username;
    b.password = base.password;
    b.driverProperties.putAll(base.driverProperties);
    return b;
  }

  @Override
  public String toString() {
    return "PoolConfig[" + poolName + " " + jdbcUrl + " user=" + username + " maxOpen=" + maxOpen
        + " maxIdle=" + maxIdle + " maxLifetime=" + maxLifetime + " maxIdleTime=" + maxIdleTime
        + " connectionTimeout=" + connectionTimeout + "]"; // never the password
  }

  /** Builds a {@link PoolConfig}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final String jdbcUrl;
    private @Nullable String username;
    private @Nullable String password;
    private String poolName = "hotpath-pool";
    private int maxOpen = 10;
    private int maxIdle;
    private boolean maxIdleSet; // unless set, maxIdle follows maxOpen (a fixed-size pool)
    private Duration maxLifetime = Duration.ofMinutes(30);
    private Duration maxIdleTime = Duration.ofMinutes(10);
    private Duration connectionTimeout = Duration.ofSeconds(30);
    private @Nullable Duration validationTimeout; // follows connectionTimeout unless set
    private Duration leakDetectionThreshold = Duration.ZERO;
    private final Map<String, String> driverProperties = new LinkedHashMap<>();

    private Builder(String jdbcUrl) {
      this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** See {@link PoolConfig#username()}. */
    public Builder username(@Nullable String value) {
      this.username = value;
      return this;
    }

    /** See {@link PoolConfig#password()}. */
    public Builder password(@Nullable String value) {
      this.password = value;
      return this;
    }

    /** See {@link PoolConfig#poolName()}. */
    public Builder poolName(String value) {
      this.poolName = value;
      return this;
    }

    /** See {@link PoolConfig#maxOpen()}. */
    public Builder maxOpen(int value) {
      this.maxOpen = value;
      return this;
    }

    /** See {@link PoolConfig#maxIdle()}; defaults to {@code maxOpen} (a fixed-size pool). */
    public Builder maxIdle(int value) {
      this.maxIdle = value;
      this.maxIdleSet = true;
      return this;
    }

    /** See {@link PoolConfig#maxLifetime()}. */
    public Builder maxLifetime(Duration value) {
      this.maxLifetime = value;
      return this;
    }

    /** See {@link PoolConfig#maxIdleTime()}. */
    public Builder maxIdleTime(Duration value) {
      this.maxIdleTime = value;
      return this;
    }

    /** See {@link PoolConfig#connectionTimeout()}. */
    public Builder connectionTimeout(Duration value) {
      this.connectionTimeout = value;
      return this;
    }

    /** See {@link PoolConfig#validationTimeout()}; defaults to half the connection timeout, at most 5 s. */
    public Builder validationTimeout(Duration value) {
      this.validationTimeout = value;
      return this;
    }

    /** See {@link PoolConfig#leakDetectionThreshold()}. */
    public Builder leakDetectionThreshold(Duration value) {
      this.leakDetectionThreshold = value;
      return this;
    }

    /** Adds one driver property. */
    public Builder driverProperty(String name, String value) {
      driverProperties.put(name, value);
      return this;
    }

    /** Validates and builds. */
    public PoolConfig build() {
      return new PoolConfig(
          jdbcUrl,
          username,
          password,
          poolName,
          maxOpen,
          maxIdleSet ? maxIdle : maxOpen,
          maxLifetime,
          maxIdleTime,
          connectionTimeout,
          validationTimeout != null ? validationTimeout : defaultValidationTimeout(),
          leakDetectionThreshold,
          driverProperties);
    }

    private Duration defaultValidationTimeout() {
      Duration half = connectionTimeout.dividedBy(2);
      Duration fiveSeconds = Duration.ofSeconds(5);
      Duration floor = Duration.ofMillis(250);
      return half.compareTo(fiveSeconds) > 0 ? fiveSeconds : half.compareTo(floor) < 0 ? floor : half;
    }
  }
}
