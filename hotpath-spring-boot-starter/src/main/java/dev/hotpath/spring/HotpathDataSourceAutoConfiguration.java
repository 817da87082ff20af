package dev.hotpath.spring;

import dev.hotpath.db.InspectorConfig;
import dev.hotpath.db.ParameterRedaction;
import dev.hotpath.db.QueryInspector;
import dev.hotpath.db.QueryListener;
import dev.hotpath.spring.internal.InspectingDataSources;
import dev.hotpath.spring.internal.Settings;
import dev.hotpath.spring.internal.StarterQueryListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts every {@link DataSource} bean behind one {@link QueryInspector}: a digest per SQL
 * fingerprint (served by the {@code querydigest} Actuator endpoint), the slow-query log, N+1
 * detection per request (the request-timing filter's scope) and each statement's time in the
 * request's {@code Server-Timing} {@code db} entry. Spring Boot's own DataSource metrics keep
 * working: the wrapper unwraps to the pool.
 *
 * <p>Application {@link QueryListener} beans receive slow queries and N+1 detections. With
 * hotpath-junit on the class path (a test), its shared {@code QueryRecorder} is registered too, so
 * {@code @MaxQueries} and friends see the application's statements without further setup.
 *
 * <p>Properties: {@code hotpath.db.*}; off with {@code hotpath.db.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass({QueryInspector.class, DataSource.class})
@ConditionalOnBooleanProperty(name = "hotpath.db.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HotpathProperties.class)
public class HotpathDataSourceAutoConfiguration {
  /** The class whose instances want every statement, not only slow ones (hotpath-junit's recorder). */
  static final String EVERY_STATEMENT_LISTENER = "dev.hotpath.junit.QueryRecorder";

  /** Created by Spring. */
  public HotpathDataSourceAutoConfiguration() {}

  /** The application's inspector, configured from {@code hotpath.db.*}. */
  @Bean
  @ConditionalOnMissingBean
  public QueryInspector hotpathQueryInspector(HotpathProperties properties, ObjectProvider<QueryListener> listeners) {
    HotpathProperties.Db db = properties.getDb();
    List<QueryListener> slow = new ArrayList<>();
    List<QueryListener> every = new ArrayList<>();
    listeners.orderedStream().forEach(l -> (l.getClass().getName().equals(EVERY_STATEMENT_LISTENER) ? every : slow).add(l));
    InspectorConfig config = Settings.apply("hotpath.db.*", () -> InspectorConfig.builder()
        // with a listener for every statement, the inspector reports all and the threshold applies in StarterQueryListener
        .slowQueryThreshold(every.isEmpty() ? db.getSlowQueryThreshold() : Duration.ZERO)
        .parameterRedaction(redaction(db.getParameterRedaction()))
        .nPlusOneThreshold(db.getNPlusOneThreshold())
        .strictNPlusOne(db.isStrictNPlusOne())
        .maxFingerprints(db.getMaxFingerprints())
        .listener(new StarterQueryListener(db.getSlowQueryThreshold(), slow, every))
        .build());
    return QueryInspector.create(config);
  }

  private static ParameterRedaction redaction(String value) {
    try {
      return ParameterRedaction.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("parameterRedaction must be TYPES, NONE or ALL, was '" + value + "'", e);
    }
  }

  /** Wraps DataSource beans; static so that it does not pull this configuration in early. */
  @Bean
  static InspectingDataSources hotpathInspectingDataSources(ObjectProvider<QueryInspector> inspector) {
    return new InspectingDataSources(inspector);
  }

  /** In tests: hotpath-junit's recorder sees the application's statements. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = EVERY_STATEMENT_LISTENER)
  static class JUnitRecorder {
    @Bean
    dev.hotpath.junit.QueryRecorder hotpathQueryRecorder() {
      return dev.hotpath.junit.QueryRecorder.shared();
    }
  }
}
