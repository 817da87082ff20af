package dev.hotpath.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hotpath.db.internal.PoolMetrics;
import dev.hotpath.metrics.ConfigChecks;
import dev.hotpath.metrics.Durations;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Builds HikariCP pools from a validated {@link PoolConfig}.
 *
 * <p>With a Micrometer {@code MeterRegistry} the pool publishes HikariCP's meters, tagged {@code
 * pool=<poolName>}: {@code hikaricp.connections.active}, {@code .idle}, {@code .pending}, {@code
 * .acquire} (time to borrow), {@code .timeout} (exhaustion count), {@code .usage}, {@code
 * .creation}. Micrometer is an optional dependency: {@link #create(String, PoolConfig)} never
 * touches it, so a user without metrics need not have it.
 *
 * <p>Stateless and thread-safe; each call builds a new pool, which the caller closes.
 *
 * <pre>{@code
 * Pool pool = Pools.create("shop", PoolConfig.builder(url).maxOpen(10).build(), meterRegistry);
 * }</pre>
 */
public final class Pools {
  private Pools() {}

  /**
   * A started pool named {@code name} (in logs, metrics and {@link PoolExhaustedException}) for
   * {@code config}, without metrics.
   */
  public static Pool create(String name, PoolConfig config) {
    return new Pool(name, new HikariDataSource(hikariConfig(name, config)), config);
  }

  /**
   * A started pool named {@code name} for {@code config} that publishes HikariCP's meters to
   * {@code meterRegistry}, tagged {@code pool=<name>}. Micrometer is optional for this module, so a
   * caller of this method brings it (and requires {@code micrometer.core}) itself.
   */
  @SuppressWarnings("exports") // not re-exported on purpose: users without Micrometer must compile
  public static Pool create(String name, PoolConfig config, MeterRegistry meterRegistry) {
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    HikariConfig hc = hikariConfig(name, config);
    PoolMetrics.bind(hc, meterRegistry);
    return new Pool(name, new HikariDataSource(hc), config);
  }

  /** HikariCP's settings for {@code config}; long durations saturate (FOREVER: no bound). */
  static HikariConfig hikariConfig(String name, PoolConfig config) {
    Objects.requireNonNull(name, "name");
    ConfigChecks.require(!name.isBlank(), "Pool name", "non-blank", "'" + name + "'");
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(config.jdbcUrl());
    config.username().ifPresent(hc::setUsername);
    config.password().ifPresent(hc::setPassword);
    hc.setPoolName(name);
    hc.setMaximumPoolSize(config.maxOpen());
    hc.setMinimumIdle(config.maxIdle());
    hc.setMaxLifetime(Durations.toMillisSaturated(config.maxLifetime()));
    hc.setIdleTimeout(Durations.toMillisSaturated(config.maxIdleTime()));
    hc.setConnectionTimeout(Durations.toMillisSaturated(config.connectionTimeout()));
    hc.setValidationTimeout(config.validationTimeout().toMillis()); // at most 1 h
    hc.setLeakDetectionThreshold(Durations.toMillisSaturated(config.leakDetectionThreshold()));
    config.driverProperties().forEach(hc::addDataSourceProperty);
    return hc;
  }
}
