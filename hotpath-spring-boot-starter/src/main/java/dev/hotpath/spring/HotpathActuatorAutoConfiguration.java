package dev.hotpath.spring;

import dev.hotpath.db.QueryInspector;
import dev.hotpath.monitor.Profiler;
import dev.hotpath.spring.internal.PprofAccessGuard;
import dev.hotpath.spring.internal.Settings;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link PprofEndpoint pprof} and {@link QueryDigestEndpoint querydigest} Actuator endpoints,
 * each created only when Actuator makes it available (access and exposure, {@code
 * management.endpoint.*} and {@code management.endpoints.*}). pprof is off by default and guarded
 * by {@code PprofAccessGuard}: no Spring Security and a non-loopback address stop the application.
 */
@AutoConfiguration(after = HotpathDataSourceAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@EnableConfigurationProperties(HotpathProperties.class)
public class HotpathActuatorAutoConfiguration {
  /** Created by Spring. */
  public HotpathActuatorAutoConfiguration() {}

  /** The profiler behind the endpoint, from {@code hotpath.profiling.*}. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint(PprofEndpoint.class)
  public Profiler hotpathProfiler(HotpathProperties properties) {
    HotpathProperties.Profiling p = properties.getProfiling();
    return Settings.apply("hotpath.profiling.*",
        () -> Profiler.builder().maxDuration(p.getMaxDuration()).engine(p.getEngine()).build());
  }

  /** {@code /actuator/pprof}, when available and safe. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint
  public PprofEndpoint pprofEndpoint(Profiler profiler, HotpathProperties properties, ApplicationContext context) {
    PprofAccessGuard.check(context.getEnvironment(), properties.getProfiling().isAllowUnsecured(), context.getClassLoader());
    return new PprofEndpoint(profiler);
  }

  /** {@code /actuator/querydigest}, when the query inspector runs. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(QueryInspector.class)
  static class Digest {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(QueryInspector.class)
    @ConditionalOnAvailableEndpoint
    QueryDigestEndpoint queryDigestEndpoint(QueryInspector inspector) {
      return new QueryDigestEndpoint(inspector);
    }
  }
}
