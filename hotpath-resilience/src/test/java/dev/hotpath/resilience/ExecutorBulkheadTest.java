package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.FakeTicker;
import dev.hotpath.resilience.ExecutorBulkheadConfig.ThreadKind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExecutorBulkheadTest {

  static ExecutorBulkheadConfig config(int running, int queued, ThreadKind kind,
      Duration maxQueueWait, Duration maxRunTime) {
    return ExecutorBulkheadConfig.builder().maxConcurrentCalls(running).queueCapacity(queued)
        .threads(kind).maxQueueWait(maxQueueWait).maxRunTime(maxRunTime).build();
  }

  @ParameterizedTest
  @EnumSource(ThreadKind.class)
  void queueIsBoundedAndFullRejectsAtOnce(ThreadKind kind) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (ExecutorBulkhead bh = ExecutorBulkhead.of("e",
        config(1, 1, kind, Duration.ofSeconds(30), Duration.ZERO))) {
      CompletableFuture<Integer> running = bh.submit(() -> {
        release.await();
        return 1;
      });
      CompletableFuture<Integer> queued = bh.submit(() -> 2);
      CompletableFuture<Integer> rejected = bh.submit(() -> 3);
      assertThatThrownBy(rejected::join).hasCauseInstanceOf(BulkheadFullException.class);
      release.countDown();
      assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(2);
      assertThat(bh.rejectedCalls()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(ThreadKind.class)
  void queueWaitIsBoundedSeparatelyAndExpiredCallNeverRuns(ThreadKind kind) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean ran = new AtomicBoolean();
    FakeTicker ticker = new FakeTicker();
    try (ExecutorBulkhead bh = ExecutorBulkhead.of("e",
        config(1, 5, kind, Duration.ofMillis(30), Duration.ZERO), ticker)) {
      CountDownLatch started = new CountDownLatch(1);
      CompletableFuture<Integer> running = bh.submit(() -> {
        started.countDown();
        release.await();
        return 1;
      });
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Integer> late = bh.submit(() -> {
        ran.set(true);
        return 2;
      });
      ticker.advance(Duration.ofSeconds(1)); // platform: checked when the call would start
      Thread.sleep(100); // virtual: the wait for a running slot is on the real clock
      release.countDown();
      assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(BulkheadFullException.class);
      assertThat(ran).isFalse();
      assertThat(bh.expiredCalls()).isEqualTo(1);
      assertThat(bh.availableSlots()).isEqualTo(6);
    }
  }

  @ParameterizedTest
  @EnumSource(ThreadKind.class)
  void runTimeBoundedButSlotHeldUntilCallReallyEnds(ThreadKind kind) throws Exception {
    CountDownLatch stubbornEnd = new CountDownLatch(1);
    try (ExecutorBulkhead bh = ExecutorBulkhead.of("e",
        config(1, 0, kind, Duration.ofSeconds(30), Duration.ofMillis(20)))) {
      CompletableFuture<Integer> slow = bh.submit(() -> {
        while (true) { // ignores the interrupt once, then waits for the test
          try {
            stubbornEnd.await();
            return 1;
          } catch (InterruptedException ignored) {
            // keep running: a call that does not honour interrupts
          }
        }
      });
      assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeLimitExceededException.class);
      assertThat(bh.activeCalls()).isEqualTo(1);
      assertThatThrownBy(() -> bh.submit(() -> 2).join())
          .hasCauseInstanceOf(BulkheadFullException.class); // the slot is still taken
      stubbornEnd.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (bh.availableSlots() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(bh.submit(() -> 3).get(10, TimeUnit.SECONDS)).isEqualTo(3);
    }
  }

  @org.junit.jupiter.api.Test
  void configValidationAndNoNullableSettings() {
    assertThatThrownBy(() -> ExecutorBulkheadConfig.builder().maxRunTime(Duration.ofMillis(-1)).build())
        .hasMessage("ExecutorBulkheadConfig.maxRunTime must be >= 0, was PT-0.001S");
    assertThatThrownBy(() -> ExecutorBulkheadConfig.builder().queueCapacity(-1).build())
        .hasMessage("ExecutorBulkheadConfig.queueCapacity must be in [0, 1000000], was -1");
    assertThatThrownBy(() -> ExecutorBulkheadConfig.builder().maxRunTime(null))
        .isInstanceOf(NullPointerException.class).hasMessage("ExecutorBulkheadConfig.maxRunTime");
    assertThat(ExecutorBulkheadConfig.ofDefaults().maxRunTime()).isZero(); // "no bound"
    ExecutorBulkheadConfig custom = config(2, 3, ThreadKind.PLATFORM, Duration.ofSeconds(1),
        Duration.ofSeconds(2));
    assertThat(ExecutorBulkheadConfig.from(custom).build()).isEqualTo(custom)
        .hasSameHashCodeAs(custom);
  }
}
