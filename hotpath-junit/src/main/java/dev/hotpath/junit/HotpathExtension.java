package dev.hotpath.junit;

import dev.hotpath.junit.internal.AllocationCounter;
import dev.hotpath.junit.internal.BudgetPlan;
import dev.hotpath.junit.internal.LatencyTable;
import dev.hotpath.junit.internal.Quantities;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencySnapshot;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Enforces the budgets of {@link MaxQueries}, {@link ExpectQueries}, {@link NoNPlusOne}, {@link
 * MaxQueryTime}, {@link LatencyBudget} and {@link MaxAllocation} on test methods. Each of those
 * annotations registers this extension, so annotating a test is all it takes.
 *
 * <p>A test with only query budgets runs once, as usual, while the {@link QueryRecorder#shared()
 * shared recorder} keeps its statements. A test with a latency or allocation budget is called
 * {@code warmup + iterations} times directly (the engine's own invocation is then skipped, so its
 * frames are neither timed nor weighed); query budgets then apply to every measured call. All
 * failures of a test are reported together in one {@link AssertionError}. A test that throws
 * fails with its own exception, unchecked.
 *
 * <p>Thread-safe and stateless; JUnit creates one instance per registration.
 *
 * <pre>{@code
 * @ExtendWith(HotpathExtension.class)   // optional: the annotations register it
 * class CheckoutTest {
 *   @Test @MaxQueries(3) @NoNPlusOne
 *   void checkout() { ... }
 * }
 * }</pre>
 */
public final class HotpathExtension implements InvocationInterceptor {
  /** Created by JUnit. */
  public HotpathExtension() {}

  @Override
  public void interceptTestMethod(
      Invocation<@Nullable Void> invocation,
      ReflectiveInvocationContext<Method> context,
      ExtensionContext extension)
      throws Throwable {
    BudgetPlan plan = BudgetPlan.of(context.getExecutable(), extension.getRequiredTestClass());
    if (plan.isEmpty()) {
      invocation.proceed();
      return;
    }
    String test = extension.getRequiredTestClass().getSimpleName() + "." + context.getExecutable().getName();
    AllocationCounter allocation = plan.maxAllocationBytes() >= 0 ? new AllocationCounter() : null;
    if (allocation != null) {
      String reason = allocation.unavailableReason();
      if (reason != null) {
        throw new AssertionError("@MaxAllocation cannot measure " + test + ": " + reason);
      }
    }
    Runner runner = new Runner(plan, allocation, invocation, context);
    runner.run();
    List<String> failures = new ArrayList<>(runner.queryFailures);
    LatencyTable table = plan.latencyTable();
    if (table != null) {
      LatencySnapshot s = runner.latency.intervalSnapshot();
      List<String> over = table.exceeded(s);
      if (!over.isEmpty()) {
        failures.add(plan.latencyLabel() + ": " + String.join(", ", over) + " over " + plan.iterations()
            + " calls after " + plan.warmup() + " warmup\n" + table.render(s)
            + "  (a guard against gross regressions, not a benchmark: measure speed with JMH)\n");
      }
    }
    if (allocation != null) {
      double perCall = (double) runner.allocated / plan.iterations();
      if (perCall > plan.maxAllocationBytes()) {
        failures.add(String.format(java.util.Locale.ROOT,
            "@MaxAllocation(\"%s\" = %d B): %s per call on average over %d calls after %d warmup (min %s, max %s), on this thread only%n",
            Quantities.formatBytes((double) plan.maxAllocationBytes()), plan.maxAllocationBytes(), Quantities.formatBytes(perCall),
            plan.iterations(), plan.warmup(), Quantities.formatBytes((double) runner.allocatedMin), Quantities.formatBytes((double) runner.allocatedMax)));
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(test + " broke its budget:\n" + String.join("\n", failures));
    }
  }

  /** Calls the test method as the plan says and collects what each measured call did. */
  private static final class Runner {
    final BudgetPlan plan;
    final @Nullable AllocationCounter allocation;
    final Invocation<@Nullable Void> invocation;
    final ReflectiveInvocationContext<Method> context;
    final LatencyRecorder latency = new LatencyRecorder();
    final List<String> queryFailures = new ArrayList<>();
    long allocated;
    long allocatedMin = Long.MAX_VALUE;
    long allocatedMax;

    Runner(
        BudgetPlan plan,
        @Nullable AllocationCounter allocation,
        Invocation<@Nullable Void> invocation,
        ReflectiveInvocationContext<Method> context) {
      this.plan = plan;
      this.allocation = allocation;
      this.invocation = invocation;
      this.context = context;
    }

    void run() throws Throwable {
      if (!plan.repeats()) {
        try (QueryRecorder.Recording r = QueryRecorder.shared().start()) {
          invocation.proceed();
          queryFailures.addAll(plan.checkQueries(r.queries(), r.count()));
        }
        return;
      }
      invocation.skip();
      Method method = context.getExecutable();
      Object target = context.getTarget().orElse(null);
      Object[] args = context.getArguments().toArray();
      int calls = plan.warmup() + plan.iterations();
      for (int i = 0; i < calls; i++) {
        if (i < plan.warmup()) {
          ReflectionSupport.invokeMethod(method, target, args);
        } else {
          measuredCall(method, target, args, i - plan.warmup() + 1);
        }
      }
    }

    private void measuredCall(Method method, @Nullable Object target, Object[] args, int n) {
      QueryRecorder.Recording r = plan.recordsQueries() ? QueryRecorder.shared().start() : null;
      AllocationCounter a = allocation;
      long a0 = a == null ? 0 : a.allocatedBytes();
      long t0 = System.nanoTime();
      try {
        ReflectionSupport.invokeMethod(method, target, args);
      } finally {
        long t1 = System.nanoTime();
        long a1 = a == null ? 0 : a.allocatedBytes();
        if (r != null) {
          r.close();
        }
        latency.record(t1 - t0);
        if (a != null) {
          long bytes = a1 - a0;
          allocated += bytes;
          allocatedMin = Math.min(allocatedMin, bytes);
          allocatedMax = Math.max(allocatedMax, bytes);
        }
      }
      if (r != null && queryFailures.isEmpty()) {
        for (String f : plan.checkQueries(r.queries(), r.count())) {
          queryFailures.add("call " + n + " of " + plan.iterations() + ": " + f);
        }
      }
    }
  }
}
