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
 * Fails the test when one call of it runs more than {@link #value()} statements (of {@link
 * #kind()}) through a {@link QueryRecorder}-wrapped DataSource, on any thread. The failure lists
 * every statement with its time and call site, then the statements grouped by fingerprint.
 *
 * <p>On a class, it applies to every test method that does not carry its own. When {@link
 * LatencyBudget} or {@link MaxAllocation} repeat the method, each measured call must stay within
 * the budget.
 *
 * <pre>{@code
 * @Test
 * @MaxQueries(2)
 * void listingAuthorsIsTwoQueries() { service.authorsWithBooks(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Inherited
@ExtendWith(HotpathExtension.class)
@ResourceLock(QueryRecorder.RESOURCE)
public @interface MaxQueries {
  /** The most statements one call may run (0 or more). */
  int value();

  /** Which statements count (default: all). */
  StatementKind kind() default StatementKind.ANY;
}
