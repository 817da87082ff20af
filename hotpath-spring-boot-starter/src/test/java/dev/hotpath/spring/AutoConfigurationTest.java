package dev.hotpath.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.db.QueryInspector;
import dev.hotpath.monitor.RequestTiming;
import dev.hotpath.spring.internal.JvmMetricsBinder;
import dev.hotpath.spring.internal.LeakWatch;
import java.lang.reflect.Proxy;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/** Which parts start, with which settings, and what stops the application; no server, no database. */
class AutoConfigurationTest {
  private final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          HotpathWebAutoConfiguration.class, HotpathDataSourceAutoConfiguration.class,
          HotpathJvmAutoConfiguration.class, HotpathActuatorAutoConfiguration.class,
          org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration.class));

  @Test
  void everyPartIsOnByDefault() {
    web.withBean("dataSource", DataSource.class, PGSimpleDataSource::new).run(context -> {
      assertThat(context).hasSingleBean(RequestTiming.class).hasBean("hotpathTimingFilter")
          .hasSingleBean(QueryInspector.class).hasSingleBean(JvmMetricsBinder.class).hasSingleBean(LeakWatch.class);
      assertThat(Proxy.isProxyClass(context.getBean(DataSource.class).getClass())).isTrue();
      assertThat(context.getBean(RequestTiming.class).serverTimingHeader()).isTrue();
    });
  }

  @Test
  void eachPartSwitchesOff() {
    web.withBean("dataSource", DataSource.class, PGSimpleDataSource::new)
        .withPropertyValues("hotpath.web.enabled=false", "hotpath.db.enabled=false", "hotpath.jvm.enabled=false",
            "hotpath.leak.enabled=false")
        .run(context -> {
          assertThat(context).doesNotHaveBean(RequestTiming.class).doesNotHaveBean(FilterRegistrationBean.class)
              .doesNotHaveBean(QueryInspector.class).doesNotHaveBean(JvmMetricsBinder.class).doesNotHaveBean(LeakWatch.class);
          assertThat(Proxy.isProxyClass(context.getBean(DataSource.class).getClass())).isFalse();
        });
  }

  @Test
  void propertiesReachTheComponents() {
    web.withPropertyValues("hotpath.web.server-timing=false", "hotpath.web.slow-threshold=250ms",
            "hotpath.db.n-plus-one-threshold=7", "hotpath.db.strict-n-plus-one=true", "hotpath.db.parameter-redaction=all",
            "hotpath.db.slow-query-threshold=1s")
        .withClassLoader(new FilteredClassLoader("dev.hotpath.junit")) // no test recorder: the threshold is the inspector's
        .run(context -> {
          RequestTiming timing = context.getBean(RequestTiming.class);
          assertThat(timing.serverTimingHeader()).isFalse();
          assertThat(timing.slowThreshold()).hasMillis(250);
          var config = context.getBean(QueryInspector.class).config();
          assertThat(config.nPlusOneThreshold()).isEqualTo(7);
          assertThat(config.strictNPlusOne()).isTrue();
          assertThat(config.parameterRedaction()).isEqualTo(dev.hotpath.db.ParameterRedaction.ALL);
          assertThat(config.slowQueryThreshold()).hasSeconds(1);
        });
  }

  @Test
  void withHotpathJUnitPresentEveryStatementReachesTheRecorder() {
    web.withPropertyValues("hotpath.db.slow-query-threshold=1s").run(context -> {
      assertThat(context).hasSingleBean(dev.hotpath.junit.QueryRecorder.class);
      assertThat(context.getBean(QueryInspector.class).config().slowQueryThreshold()).isZero();
    });
  }

  @Test
  void aBadValueStopsTheApplicationNamingTheProperty() {
    web.withPropertyValues("hotpath.db.n-plus-one-threshold=1").run(context ->
        assertThat(context).getFailure().rootCause().hasMessageContaining("nPlusOneThreshold must be in [2, 1000000], was 1"));
    web.withPropertyValues("hotpath.db.n-plus-one-threshold=1").run(context ->
        assertThat(context).getFailure().hasStackTraceContaining("Invalid hotpath.db.*"));
    web.withPropertyValues("hotpath.web.slow-threshold=0s").run(context ->
        assertThat(context).getFailure().hasStackTraceContaining("Invalid hotpath.web.slow-threshold: RequestTiming.slowThreshold must be positive"));
  }

  @Test
  void withoutAServletApplicationThereIsNoFilter() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HotpathWebAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(RequestTiming.class));
  }

  @Test
  void pprofIsOffUntilAccessAndExposureAllowIt() {
    web.run(context -> assertThat(context).doesNotHaveBean(PprofEndpoint.class));
    web.withPropertyValues("management.endpoints.web.exposure.include=pprof")
        .run(context -> assertThat(context).doesNotHaveBean(PprofEndpoint.class)); // access is none by default
    web.withPropertyValues("management.endpoint.pprof.access=READ_ONLY")
        .run(context -> assertThat(context).doesNotHaveBean(PprofEndpoint.class)); // not exposed
  }

  @Test
  void pprofWithoutSecurityOffLoopbackStopsTheApplication() {
    WebApplicationContextRunner exposed = web
        .withPropertyValues("management.endpoint.pprof.access=READ_ONLY", "management.endpoints.web.exposure.include=pprof")
        .withClassLoader(new FilteredClassLoader("org.springframework.security"));
    exposed.run(context -> assertThat(context).getFailure().hasStackTraceContaining(
        "/actuator/pprof is exposed without Spring Security on every network address: add spring-boot-starter-security,"
            + " set management.server.address=127.0.0.1, or set hotpath.profiling.allow-unsecured=true"));
    exposed.withPropertyValues("management.server.address=127.0.0.1")
        .run(context -> assertThat(context).hasSingleBean(PprofEndpoint.class));
    exposed.withPropertyValues("server.address=0.0.0.0")
        .run(context -> assertThat(context).getFailure().hasStackTraceContaining("without Spring Security on 0.0.0.0"));
    exposed.withPropertyValues("hotpath.profiling.allow-unsecured=true")
        .run(context -> assertThat(context).hasSingleBean(PprofEndpoint.class));
  }

  @Test
  void pprofWithSpringSecurityIsLeftToItsRules() {
    web.withPropertyValues("management.endpoint.pprof.access=READ_ONLY", "management.endpoints.web.exposure.include=pprof")
        .run(context -> assertThat(context).hasSingleBean(PprofEndpoint.class));
  }

  @Test
  void theDocsPropertiesExampleConfiguresWhatItSays() throws java.io.IOException {
    java.util.Properties example = new java.util.Properties();
    try (var in = getClass().getResourceAsStream("/docs-example.properties")) {
      example.load(in);
    }
    web.withPropertyValues(example.stringPropertyNames().stream().map(k -> k + "=" + example.getProperty(k)).toArray(String[]::new))
        .withInitializer(c -> c.getEnvironment().setConversionService(new org.springframework.boot.convert.ApplicationConversionService()))
        .withClassLoader(new FilteredClassLoader("dev.hotpath.junit"))
        .run(context -> {
          assertThat(context.getBean(RequestTiming.class).slowThreshold()).hasMillis(300);
          var config = context.getBean(QueryInspector.class).config();
          assertThat(config.slowQueryThreshold()).hasMillis(100);
          assertThat(config.nPlusOneThreshold()).isEqualTo(3);
          assertThat(context).hasSingleBean(PprofEndpoint.class).hasSingleBean(QueryDigestEndpoint.class);
          assertThat(context.getBean(dev.hotpath.monitor.Profiler.class).maxDuration()).hasSeconds(60);
        });
  }

  @Test
  void theQueryDigestEndpointIsReadOnlyByDefault() {
    web.withPropertyValues("management.endpoints.web.exposure.include=querydigest")
        .run(context -> assertThat(context).hasSingleBean(QueryDigestEndpoint.class));
  }
}
