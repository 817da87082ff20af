package dev.hotpath.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test method {@link #warmup()} times unmeasured, then {@link #iterations()} times into an
 * HdrHistogram, and fails when a percentile exceeds its budget; the failure shows the percentile
 * table against the budgets.
 *
 * <p>A guard against gross regressions (an accidental O(n²), a lost index, a blocking call), not a
 * benchmark: there is no fork, no dead-code protection and no control of the machine, so budgets
 * should sit several times above what you see. Measure speed with JMH. The method body is repeated;
 * {@code @BeforeEach}/{@code @AfterEach} run once around all calls. Unset budgets (empty strings)
 * are not checked; at least one must be set.
 *
 * <pre>{@code
 * @Test
 * @LatencyBudget(p99 = "20ms", iterations = 200, warmup = 50)
 * void pricingStaysFast() { pricing.quote(cart); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Inherited
@ExtendWith(HotpathExtension.class)
public @interface LatencyBudget {
  /** Budget for the median, e.g. {@code "5ms"}; empty: not checked. */
  String p50() default "";

  /** Budget for the 90th percentile; empty: not checked. */
  String p90() default "";

  /** Budget for the 99th percentile; empty: not checked. */
  String p99() default "";

  /** Budget for the slowest call; empty: not checked. */
  String max() default "";

  /** Measured calls (1 to 1,000,000; default 100). */
  int iterations() default 100;

  /** Unmeasured calls before them, for class loading and JIT (0 to 1,000,000; default 20). */
  int warmup() default 20;
}
