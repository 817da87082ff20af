package dev.hotpath.db.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

/** The only class that touches Micrometer, loaded only when a registry is given. */
public final class PoolMetrics {
  private PoolMetrics() {}

  /** Makes the pool built from {@code config} publish HikariCP's meters to {@code registry}. */
  public static void bind(HikariConfig config, Object registry) {
    if (!(registry instanceof MeterRegistry meters)) {
      throw new IllegalArgumentException(
          "meterRegistry must be an io.micrometer.core.instrument.MeterRegistry, was "
              + registry.getClass().getName());
    }
    config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
  }
}
