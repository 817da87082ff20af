package dev.hotpath.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.junit.internal.AllocationCounter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** Latency and allocation budgets and bad annotation values, on deliberately good and bad tests. */
class HotpathExtensionTest {
  static final AtomicInteger CALLS = new AtomicInteger();
  static volatile Object sink = new Object();

  @Test
  void latencyBudgetPassesAndCallsWarmupPlusIterations() {
    CALLS.set(0);
    assertThat(EngineRun.failureOf(LatencyCases.class, "fast")).isEmpty();
    assertThat(CALLS).hasValue(3 + 7);
  }

  @Test
  void latencyBudgetFailsWithThePercentileTable() {
    String message = EngineRun.failureMessage(LatencyCases.class, "sleepy");
    assertThat(message)
        .contains("LatencyCases.sleepy broke its budget")
        .contains("@LatencyBudget(iterations = 5, warmup = 1): p99 ")
        .contains("> 1.00ms over 5 calls after 1 warmup")
        .containsPattern("p50 +\\d")
        .containsPattern("p99 +[\\d.]+ms +1\\.00ms  <-- over")
        .contains("not a benchmark");
  }

  @Test
  void latencyBudgetWithoutAnyPercentileIsRejected() {
    assertThat(EngineRun.failureMessage(LatencyCases.class, "noBudget"))
        .contains("@LatencyBudget needs at least one of p50, p90, p99, max");
  }

  @Test
  void aBadDurationNamesTheAttributeAndTheForms() {
    assertThat(EngineRun.failureMessage(LatencyCases.class, "badDuration"))
        .isEqualTo("@LatencyBudget p99 must be a duration like 20ms, 1.5s, 800us or 500ns, was 'fast'");
  }

  @Test
  void allocationBudgetPassesForAnAllocationFreeCall() {
    assertThat(EngineRun.failureOf(AllocationCases.class, "allocatesNothing")).isEmpty();
  }

  @Test
  void allocationBudgetFailsWithTheBytesPerCall() {
    String message = EngineRun.failureMessage(AllocationCases.class, "allocates100KB");
    assertThat(message)
        .contains("@MaxAllocation(\"9.8 KiB\" = 10000 B): ")
        .containsPattern("9[78]\\.\\d KiB per call on average over 4 calls after 2 warmup")
        .contains("on this thread only");
  }

  @Test
  void aBadSizeNamesTheForms() {
    assertThat(EngineRun.failureMessage(AllocationCases.class, "badSize"))
        .contains("@MaxAllocation value must be a size like 512, 64KB (1000s) or 64KiB (1024s)");
  }

  @Test
  void allocationOnAVirtualThreadIsMeasuredOrRefusedNeverPassedUnmeasured() throws InterruptedException {
    // The engine runs the test on the thread that launches it: here a virtual one. A JDK that does
    // not account a virtual thread's allocations must make the budget say so; one that does
    // measures an allocation-free call and passes. Both are honest; passing unmeasured is not.
    AtomicReference<Optional<Throwable>> outcome = new AtomicReference<>();
    AtomicBoolean accounted = new AtomicBoolean();
    Thread.ofVirtual()
        .start(() -> {
          accounted.set(new AllocationCounter().unavailableReason() == null);
          outcome.set(EngineRun.failureOf(AllocationCases.class, "allocatesNothing"));
        })
        .join();
    if (accounted.get()) {
      assertThat(outcome.get()).isEmpty();
    } else {
      assertThat(outcome.get()).get(InstanceOfAssertFactories.THROWABLE)
          .hasMessageContaining("@MaxAllocation cannot measure")
          .hasMessageContaining("a virtual thread");
    }
  }

  static class LatencyCases {
    @Test
    @LatencyBudget(p99 = "5s", iterations = 7, warmup = 3)
    void fast() {
      CALLS.incrementAndGet();
    }

    @Test
    @LatencyBudget(p99 = "1ms", iterations = 5, warmup = 1)
    void sleepy() throws InterruptedException {
      Thread.sleep(3); // never returns sooner: the budget must fail
    }

    @Test
    @LatencyBudget(iterations = 5)
    void noBudget() {}

    @Test
    @LatencyBudget(p99 = "fast")
    void badDuration() {}
  }

  static class AllocationCases {
    @Test
    @MaxAllocation("1MB")
    void allocatesNothing() {
      CALLS.incrementAndGet();
    }

    @Test
    @MaxAllocation(value = "10KB", iterations = 4)
    void allocates100KB() {
      sink = new byte[100_000];
    }

    @Test
    @MaxAllocation("lots")
    void badSize() {}
  }
}
