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
 * Fails the test when any one statement it runs takes longer than {@link #value()} in its JDBC
 * execute call (measured around the driver, so it includes the round trip). The failure lists the
 * slow statements with their times, bound values and call sites. Meant to catch a missing index or
 * a plan gone wrong on test-sized data, not to time the database.
 *
 * <pre>{@code
 * @Test
 * @MaxQueryTime("50ms")
 * void searchUsesTheIndex() { repository.search("ada"); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Inherited
@ExtendWith(HotpathExtension.class)
@ResourceLock(QueryRecorder.RESOURCE)
public @interface MaxQueryTime {
  /** The longest one statement may take, e.g. {@code "50ms"}, {@code "1.5s"}, {@code "800us"}. */
  String value();
}
