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
 * Fails the test unless one call of it runs exactly {@link #value()} statements (of {@link
 * #kind()}): the exact-count variant of {@link MaxQueries}, for pinning a query plan down (a cache
 * that must answer without a query: {@code @ExpectQueries(0)}). Same reporting as {@link
 * MaxQueries}.
 *
 * <pre>{@code
 * @Test
 * @ExpectQueries(value = 1, kind = StatementKind.SELECT)
 * void secondReadIsCached() { repository.find(7); repository.find(7); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Inherited
@ExtendWith(HotpathExtension.class)
@ResourceLock(QueryRecorder.RESOURCE)
public @interface ExpectQueries {
  /** The exact number of statements one call must run (0 or more). */
  int value();

  /** Which statements count (default: all). */
  StatementKind kind() default StatementKind.ANY;
}
