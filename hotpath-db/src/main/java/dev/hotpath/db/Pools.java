package dev.hotpath.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hotpath.db.internal.PoolMetrics;
import java.util.Objects;

/**
 * Builds HikariCP pools from a validated {@link PoolConfig}.
 *
 * <p>With a Micrometer {@code MeterRegistry} the pool publishes HikariCP's meters, tagged {@code
 * pool=<poolName>}: {@code hikaricp.connections.active}, {@code .idle}, {@code .pending}, {@code
 * .acquire} (time to borrow), {@code .timeout} (exhaustion count), {@code .usage}, {@code
 * .creation}. Micrometer is optional: without it, use {@link #create(PoolConfig)}.
 *
 * <p>Stateless and thread-safe; each call builds a new pool, which the caller closes.
 *
 * <pre>{@code
 * Pool pool = Pools.create(PoolConfig.builder(url).maxOpen(10).build(), meterRegistry);
 * }</pre>
 */
public final class Pools {
  private Pools() {}

  /** A started pool for {@code config}, without metrics. */
  public static Pool create(PoolConfig config) {
    return new Pool(new HikariDataSource(hikariConfig(config)), config);
  }

  /**
   * A started pool for {@code config} that publishes its metrics to {@code meterRegistry} (an
   * {@code io.micrometer.core.instrument.MeterRegistry}; typed as Object so that Micrometer stays
   * an optional dependency).
   *
   * @throws IllegalArgumentException if {@code meterRegistry} is not a MeterRegistry
   */
  public static Pool create(PoolConfig config, Object meterRegistry) {
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    HikariConfig hc = hikariConfig(config);
    PoolMetrics.bind(hc, meterRegistry);
    return new Pool(new HikariDataSource(hc), config);
  }

  static HikariConfig hikariConfig(PoolConfig config) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(config.jdbcUrl());
    if (config.username() != null) {
      hc.setUsername(config.username());
    }
    if (config.password() != null) {
      hc.setPassword(config.password());
    }
    hc.setPoolName(config.poolName());
    hc.setMaximumPoolSize(config.maxOpen());
    hc.setMinimumIdle(config.maxIdle());
    hc.setMaxLifetime(config.maxLifetime().toMillis());
    hc.setIdleTimeout(config.maxIdleTime().toMillis());
    hc.setConnectionTimeout(config.connectionTimeout().toMillis());
    hc.setValidationTimeout(config.validationTimeout().toMillis());
    hc.setLeakDetectionThreshold(config.leakDetectionThreshold().toMillis());
    config.driverProperties().forEach(hc::addDataSourceProperty);
    return hc;
  }
}
