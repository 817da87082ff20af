package dev.hotpath.spring.internal;

import dev.hotpath.monitor.JvmMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.BooleanSupplier;

/**
 * Binds hotpath's {@link JvmMonitor} to the application's registries without doubling what
 * Spring Boot binds: when Spring Boot's JVM metrics are on (they bind Micrometer's GC, memory,
 * thread and class binders; binding {@code JvmGcMetrics} again would count every GC twice), only
 * the extras; otherwise everything. Deliberately not the {@code JvmMonitor} itself as a bean: that
 * is a {@code MeterBinder} Spring Boot would bind whole.
 */
public final class JvmMetricsBinder implements MeterBinder, AutoCloseable {
  private final JvmMonitor monitor = new JvmMonitor();
  private final BooleanSupplier springBindsJvmMetrics;

  /** {@code springBindsJvmMetrics} is asked at binding time, when every bean is defined. */
  public JvmMetricsBinder(BooleanSupplier springBindsJvmMetrics) {
    this.springBindsJvmMetrics = springBindsJvmMetrics;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    if (springBindsJvmMetrics.getAsBoolean()) {
      monitor.bindExtrasTo(registry);
    } else {
      monitor.bindTo(registry);
    }
  }

  /** The monitor, for its deadlock report. */
  public JvmMonitor monitor() {
    return monitor;
  }

  @Override
  public void close() {
    monitor.close();
  }
}
