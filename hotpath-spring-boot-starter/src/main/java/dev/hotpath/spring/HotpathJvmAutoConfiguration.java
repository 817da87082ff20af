package dev.hotpath.spring;

import dev.hotpath.monitor.JvmMonitor;
import dev.hotpath.monitor.LeakDetector;
import dev.hotpath.monitor.LeakDetectorConfig;
import dev.hotpath.spring.internal.JvmMetricsBinder;
import dev.hotpath.spring.internal.LeakWatch;
import dev.hotpath.spring.internal.Settings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Binds hotpath's JVM monitor and leak detector to the application's {@link MeterRegistry} (as
 * {@code MeterBinder} beans, which Spring Boot binds to every registry it manages).
 *
 * <p>No double counting: beside Spring Boot's own JVM metrics (a {@link JvmGcMetrics} bean), only
 * what they lack is added: {@code process.disk.read/written}, {@code
 * system.network.received/sent} (Linux) and {@code jvm.threads.deadlocked}; without them,
 * Micrometer's JVM binders too. The leak detector adds {@code hotpath.leak.findings} and {@code
 * hotpath.leak.growth} and logs each finding with the classes that grew.
 *
 * <p>Properties: {@code hotpath.jvm.enabled}, {@code hotpath.leak.*}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration")
@ConditionalOnClass({MeterRegistry.class, JvmMonitor.class})
@EnableConfigurationProperties(HotpathProperties.class)
public class HotpathJvmAutoConfiguration {
  /** Created by Spring. */
  public HotpathJvmAutoConfiguration() {}

  /** JVM metrics, without what Spring Boot already binds. */
  @Bean
  @ConditionalOnBooleanProperty(name = "hotpath.jvm.enabled", matchIfMissing = true)
  JvmMetricsBinder hotpathJvmMetrics(ListableBeanFactory beans) {
    return new JvmMetricsBinder(() -> beans.getBeanNamesForType(JvmGcMetrics.class, false, false).length > 0);
  }

  /** The leak detector, started; its {@link LeakDetector} is {@link LeakWatch#detector()}. */
  @Bean
  @ConditionalOnBooleanProperty(name = "hotpath.leak.enabled", matchIfMissing = true)
  LeakWatch hotpathLeakWatch(HotpathProperties properties) {
    HotpathProperties.Leak leak = properties.getLeak();
    LeakDetectorConfig config = Settings.apply("hotpath.leak.*", () -> LeakDetectorConfig.builder()
        .window(leak.getWindow())
        .bucket(leak.getWindow().dividedBy(30))
        .minBytesPerMinute(leak.getMinBytesPerMinute())
        .histograms(leak.isHistograms())
        .build());
    return new LeakWatch(config);
  }
}
