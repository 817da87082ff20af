package dev.hotpath.spring;

import dev.hotpath.monitor.RequestTiming;
import dev.hotpath.monitor.TimingServletFilter;
import dev.hotpath.spring.internal.Settings;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Times every request of a Servlet application with hotpath-monitor's {@link TimingServletFilter}:
 * a metrics {@code Scope} per request (the query inspector and cache add to it), the {@code
 * Server-Timing} response header and the one-line slow-request log.
 *
 * <p>The {@code http.server.requests} timer is left to Spring Boot's own observation (Actuator),
 * which already records it with the same name and tags: recording it here too would count every
 * request twice in the same timer. So the filter's {@link RequestTiming} records into a registry
 * that keeps nothing. The filter runs first ({@link #FILTER_ORDER}), so the scope covers security,
 * observation and the handler.
 *
 * <p>Switch off with {@code hotpath.web.enabled=false}; replace the {@link RequestTiming} bean to
 * change what is recorded.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Filter.class, FilterRegistrationBean.class})
@ConditionalOnBooleanProperty(name = "hotpath.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HotpathProperties.class)
public class HotpathWebAutoConfiguration {
  /** The filter's order: before every other filter. */
  public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE;

  /** Created by Spring. */
  public HotpathWebAutoConfiguration() {}

  /** Scope, Server-Timing and slow log; no timer (Spring Boot's observation records it). */
  @Bean
  @ConditionalOnMissingBean
  public RequestTiming hotpathRequestTiming(HotpathProperties properties) {
    HotpathProperties.Web web = properties.getWeb();
    SimpleMeterRegistry keepsNothing = new SimpleMeterRegistry();
    keepsNothing.config().meterFilter(MeterFilter.deny());
    return Settings.apply("hotpath.web.slow-threshold", () -> RequestTiming.builder(keepsNothing)
        .slowThreshold(web.getSlowThreshold())
        .serverTimingHeader(web.isServerTiming())
        .build());
  }

  /** The filter, first in the chain, on every request. */
  @Bean
  public FilterRegistrationBean<TimingServletFilter> hotpathTimingFilter(RequestTiming timing) {
    FilterRegistrationBean<TimingServletFilter> registration = new FilterRegistrationBean<>(new TimingServletFilter(timing));
    registration.setName("hotpathTimingFilter");
    registration.setOrder(FILTER_ORDER);
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    registration.addUrlPatterns("/*");
    return registration;
  }
}
