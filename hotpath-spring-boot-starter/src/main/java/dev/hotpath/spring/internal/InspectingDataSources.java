package dev.hotpath.spring.internal;

import dev.hotpath.db.QueryInspector;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Wraps every {@link DataSource} bean, once, in the application's {@link QueryInspector}. The
 * wrapper answers {@code unwrap}/{@code isWrapperFor} from the pool beneath, which is how Spring
 * Boot finds the HikariCP pool for its {@code hikaricp.*} and {@code jdbc.connections.*} metrics,
 * so those keep working. Runs last, after other post-processors have shaped the bean.
 */
public final class InspectingDataSources implements BeanPostProcessor, Ordered {
  private final ObjectProvider<QueryInspector> inspector;
  private final Set<Object> wrapped = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

  /** Wraps with the inspector {@code inspector} provides, looked up when the first DataSource appears. */
  public InspectingDataSources(ObjectProvider<QueryInspector> inspector) {
    this.inspector = inspector;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof DataSource dataSource) || wrapped.contains(bean) || beanName.startsWith("scopedTarget.")) {
      return bean;
    }
    DataSource proxy = inspector.getObject().wrap(dataSource);
    wrapped.add(proxy);
    return proxy;
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
