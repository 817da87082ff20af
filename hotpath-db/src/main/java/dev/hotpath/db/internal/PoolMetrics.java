package dev.hotpath.db.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The only class that builds Micrometer objects, linked only when a registry is given (Micrometer
 * is an optional dependency of hotpath-db).
 */
public final class PoolMetrics {
  private PoolMetrics() {}

  /** Makes the pool built from {@code config} publish HikariCP's meters to {@code registry}. */
  public static void bind(HikariConfig config, MeterRegistry registry) {
    config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
  }
}
