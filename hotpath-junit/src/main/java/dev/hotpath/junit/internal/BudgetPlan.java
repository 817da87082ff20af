package dev.hotpath.junit.internal;

import dev.hotpath.db.SlowQuery;
import dev.hotpath.junit.ExpectQueries;
import dev.hotpath.junit.LatencyBudget;
import dev.hotpath.junit.MaxAllocation;
import dev.hotpath.junit.MaxQueries;
import dev.hotpath.junit.MaxQueryTime;
import dev.hotpath.junit.NoNPlusOne;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The budgets that apply to one test method, read once from the method, else its class, else the
 * enclosing classes (for {@code @Nested} tests), and validated: how often to call it and what to
 * check after each measured call. Immutable.
 */
public final class BudgetPlan {
  private final @Nullable MaxQueries maxQueries;
  private final @Nullable ExpectQueries expectQueries;
  private final @Nullable NoNPlusOne noNPlusOne;
  private final long maxQueryNanos;
  private final @Nullable String maxQueryTimeText;
  private final @Nullable LatencyBudget latency;
  private final @Nullable LatencyTable latencyTable;
  private final long maxAllocationBytes;
  private final int warmup;
  private final int iterations;

  private BudgetPlan(Method method, Class<?> testClass) {
    maxQueries = find(method, testClass, MaxQueries.class);
    expectQueries = find(method, testClass, ExpectQueries.class);
    noNPlusOne = find(method, testClass, NoNPlusOne.class);
    MaxQueryTime qt = find(method, testClass, MaxQueryTime.class);
    maxQueryTimeText = qt == null ? null : qt.value();
    maxQueryNanos = qt == null ? -1 : Quantities.nanos("@MaxQueryTime value", qt.value());
    latency = find(method, testClass, LatencyBudget.class);
    MaxAllocation alloc = find(method, testClass, MaxAllocation.class);
    maxAllocationBytes = alloc == null ? -1 : Quantities.bytes("@MaxAllocation value", alloc.value());
    if (maxQueries != null && maxQueries.value() < 0) {
      throw new IllegalArgumentException("@MaxQueries value must be >= 0, was " + maxQueries.value());
    }
    if (expectQueries != null && expectQueries.value() < 0) {
      throw new IllegalArgumentException("@ExpectQueries value must be >= 0, was " + expectQueries.value());
    }
    if (noNPlusOne != null && noNPlusOne.threshold() < 2) {
      throw new IllegalArgumentException("@NoNPlusOne threshold must be >= 2, was " + noNPlusOne.threshold());
    }
    int w = 0;
    int n = 1;
    LatencyTable table = null;
    if (latency != null) {
      table = new LatencyTable(
          budget("p50", latency.p50()), budget("p90", latency.p90()), budget("p99", latency.p99()), budget("max", latency.max()));
      if (latency.p50().isBlank() && latency.p90().isBlank() && latency.p99().isBlank() && latency.max().isBlank()) {
        throw new IllegalArgumentException("@LatencyBudget needs at least one of p50, p90, p99, max, e.g. p99 = \"20ms\"");
      }
      w = count("@LatencyBudget warmup", latency.warmup(), 0);
      n = count("@LatencyBudget iterations", latency.iterations(), 1);
    }
    if (alloc != null) {
      w = Math.max(w, count("@MaxAllocation warmup", alloc.warmup(), 0));
      n = Math.max(n, count("@MaxAllocation iterations", alloc.iterations(), 1));
    }
    latencyTable = table;
    warmup = w;
    iterations = n;
  }

  /** The plan for {@code method} of {@code testClass}. */
  public static BudgetPlan of(Method method, Class<?> testClass) {
    return new BudgetPlan(method, testClass);
  }

  private static <A extends Annotation> @Nullable A find(Method method, Class<?> testClass, Class<A> type) {
    Optional<A> a = AnnotationSupport.findAnnotation(method, type);
    for (Class<?> c = testClass; a.isEmpty() && c != null; c = c.getEnclosingClass()) {
      a = AnnotationSupport.findAnnotation(c, type);
    }
    return a.orElse(null);
  }

  private static long budget(String name, String text) {
    return text.isBlank() ? -1 : Quantities.nanos("@LatencyBudget " + name, text);
  }

  private static int count(String where, int value, int min) {
    if (value < min || value > 1_000_000) {
      throw new IllegalArgumentException(where + " must be in [" + min + ", 1000000], was " + value);
    }
    return value;
  }

  /** Whether no budget applies (the extension then just runs the test). */
  public boolean isEmpty() {
    return !recordsQueries() && latency == null && maxAllocationBytes < 0;
  }

  /** Whether statements must be recorded. */
  public boolean recordsQueries() {
    return maxQueries != null || expectQueries != null || noNPlusOne != null || maxQueryNanos >= 0;
  }

  /** Whether the method is called more than once, or must be timed or weighed without the engine's own frames. */
  public boolean repeats() {
    return latency != null || maxAllocationBytes >= 0;
  }

  /** Unmeasured calls first. */
  public int warmup() {
    return warmup;
  }

  /** Measured calls. */
  public int iterations() {
    return iterations;
  }

  /** The allocation budget per call in bytes, -1 when none. */
  public long maxAllocationBytes() {
    return maxAllocationBytes;
  }

  /** The latency budget, or null. */
  public @Nullable LatencyTable latencyTable() {
    return latencyTable;
  }

  /** What the latency annotation says, for messages. */
  public String latencyLabel() {
    LatencyBudget l = latency;
    return l == null ? "" : "@LatencyBudget(iterations = " + l.iterations() + ", warmup = " + l.warmup() + ")";
  }

  /** Failures of one call's statements against the query budgets; empty when within. */
  public List<String> checkQueries(List<SlowQuery> queries, long total) {
    List<String> failures = new ArrayList<>();
    MaxQueries max = maxQueries;
    if (max != null) {
      List<SlowQuery> counted = QueryReport.ofKind(queries, max.kind());
      long n = max.kind() == dev.hotpath.junit.StatementKind.ANY ? total : counted.size();
      if (n > max.value()) {
        failures.add(QueryReport.countFailure(label("@MaxQueries", max.value(), max.kind()), max.kind(), counted, n));
      }
    }
    ExpectQueries exact = expectQueries;
    if (exact != null) {
      List<SlowQuery> counted = QueryReport.ofKind(queries, exact.kind());
      long n = exact.kind() == dev.hotpath.junit.StatementKind.ANY ? total : counted.size();
      if (n != exact.value()) {
        failures.add(QueryReport.countFailure(label("@ExpectQueries", exact.value(), exact.kind()), exact.kind(), counted, n));
      }
    }
    NoNPlusOne np = noNPlusOne;
    if (np != null) {
      List<QueryReport.Group> groups = QueryReport.nPlusOne(queries, np.threshold());
      if (!groups.isEmpty()) {
        failures.add(QueryReport.nPlusOneFailure(np.threshold(), groups, queries));
      }
    }
    if (maxQueryNanos >= 0) {
      List<SlowQuery> slow = queries.stream().filter(q -> q.elapsedNanos() > maxQueryNanos).toList();
      if (!slow.isEmpty()) {
        failures.add(QueryReport.slowFailure("@MaxQueryTime(\"" + maxQueryTimeText + "\")", slow));
      }
    }
    return failures;
  }

  private static String label(String annotation, int value, dev.hotpath.junit.StatementKind kind) {
    return annotation + "(" + (kind == dev.hotpath.junit.StatementKind.ANY ? value : "value = " + value + ", kind = " + kind) + ")";
  }
}
