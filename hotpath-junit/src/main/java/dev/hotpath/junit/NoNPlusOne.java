package dev.hotpath.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Fails the test when one SELECT fingerprint runs at least {@link #threshold()} times from the same
 * call site within one call of the test: the N+1 pattern (a loop issuing one query per parent row),
 * whatever the bound values, where QuickPerf's {@code @DisableSameSelects} only sees identical
 * statements. The failure names each repeated fingerprint, its count, total time and call site.
 *
 * <pre>{@code
 * @Test
 * @NoNPlusOne
 * void ordersPageFetchesItemsInOneQuery() { controller.orders(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Inherited
@ExtendWith(HotpathExtension.class)
@ResourceLock(QueryRecorder.RESOURCE)
public @interface NoNPlusOne {
  /** Executions of one fingerprint from one call site that make an N+1 (at least 2; default 3). */
  int threshold() default 3;
}
