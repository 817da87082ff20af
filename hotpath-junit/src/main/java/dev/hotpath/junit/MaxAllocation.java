package dev.hotpath.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the test when one call allocates more heap than {@link #value()} on average over {@link
 * #iterations()} measured calls after {@link #warmup()} unmeasured ones, as counted by the JVM for
 * the test's thread ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}).
 *
 * <p>What it can see: allocations of the thread that runs the test method, TLAB-exact. What it
 * cannot: work handed to other threads (a pool, a server thread, {@code parallelStream}); a JVM
 * without per-thread allocation accounting, or a test running on a virtual thread where the JVM
 * does not report it, fails the test with a message saying so rather than passing unmeasured.
 * Statements through an inspected DataSource allocate on the caller's thread and count too.
 * With {@link LatencyBudget} on the same test the larger warmup and iteration counts are used.
 *
 * <pre>{@code
 * @Test
 * @MaxAllocation(value = "1KiB", warmup = 5, iterations = 20)
 * void parsingAHeaderAllocatesAlmostNothing() { Header.parse("max-age=60"); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Inherited
@ExtendWith(HotpathExtension.class)
public @interface MaxAllocation {
  /** Most bytes per call: {@code "512"}, {@code "64KB"} (1000s) or {@code "64KiB"} (1024s), {@code "2MB"}, ... */
  String value();

  /** Measured calls (1 to 1,000,000; default 5). */
  int iterations() default 5;

  /** Unmeasured calls before them (0 to 1,000,000; default 2). */
  int warmup() default 2;
}
