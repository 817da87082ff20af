package dev.hotpath.spring;

import dev.hotpath.resilience.CircuitBreaker;
import dev.hotpath.resilience.ResilienceMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * hotpath-resilience guards by name from {@code hotpath.resilience.*}: the {@link Guards} bean
 * and, for every configured guard, hotpath-resilience's meters ({@code hotpath.circuitbreaker.*},
 * {@code hotpath.bulkhead.*}, ...) on the application's registries. Off with {@code
 * hotpath.resilience.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(CircuitBreaker.class)
@ConditionalOnBooleanProperty(name = "hotpath.resilience.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ResilienceProperties.class)
public class HotpathResilienceAutoConfiguration {
  /** Created by Spring. */
  public HotpathResilienceAutoConfiguration() {}

  /** Every guard named in the properties, built and validated now. */
  @Bean
  @ConditionalOnMissingBean
  public Guards hotpathGuards(ResilienceProperties properties) {
    return new Guards(properties);
  }

  /** The configured guards' meters, bound by Spring Boot to each registry. */
  @Bean
  @ConditionalOnClass(MeterBinder.class)
  public ResilienceMetrics hotpathResilienceMetrics(Guards guards) {
    return guards.metrics();
  }
}
