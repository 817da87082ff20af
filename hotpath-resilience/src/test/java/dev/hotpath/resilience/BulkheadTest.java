package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BulkheadTest {

  @Test
  void rejectsWhenFullAndReleasesWhenCallEnds() throws Exception {
    List<BulkheadFullException> events = new ArrayList<>();
    Bulkhead bh = Bulkhead.of("b", BulkheadConfig.builder().maxConcurrentCalls(1).build(),
        Runnable::run);
    bh.onCallRejected(events::add);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch leave = new CountDownLatch(1);
    Thread holder = Thread.ofVirtual().start(() -> bh.run(() -> {
      inside.countDown();
      await(leave);
    }));
    inside.await();
    assertThat(bh.availablePermits()).isZero();
    assertThatThrownBy(() -> bh.call(() -> 1)).isInstanceOf(BulkheadFullException.class)
        .hasMessageContaining("'b' is full");
    assertThat(bh.rejectedCalls()).isEqualTo(1);
    assertThat(events).hasSize(1);
    leave.countDown();
    holder.join();
    assertThat(bh.availablePermits()).isEqualTo(1);
    assertThat(bh.call(() -> 2)).isEqualTo(2);
  }

  @Test
  void waiterThatGivesUpReleasesNothing() throws Exception {
    Bulkhead bh = Bulkhead.of("b", BulkheadConfig.builder().maxConcurrentCalls(1)
        .maxWait(Duration.ofMillis(20)).build());
    bh.acquirePermission();
    assertThatThrownBy(() -> bh.call(() -> 1)).isInstanceOf(BulkheadFullException.class);
    assertThat(bh.availablePermits()).isZero(); // the timed-out waiter did not free the holder's permit
    bh.releasePermission();
    assertThat(bh.availablePermits()).isEqualTo(1);
  }

  @Test
  void waiterGetsPermitWhenFreedWithinMaxWait() throws Exception {
    Bulkhead bh = Bulkhead.of("b", BulkheadConfig.builder().maxConcurrentCalls(1)
        .maxWait(Duration.ofSeconds(10)).build());
    bh.acquirePermission();
    CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> bh.get(() -> 7));
    Thread.sleep(20);
    assertThat(waiter).isNotDone();
    bh.releasePermission();
    assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo(7);
  }

  @Test
  void interruptedWaiterIsRejectedWithFlagRestored() throws Exception {
    Bulkhead bh = Bulkhead.of("b", BulkheadConfig.builder().maxConcurrentCalls(1)
        .maxWait(Duration.ofSeconds(30)).build());
    bh.acquirePermission();
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> bh.call(() -> 1)).hasMessageContaining("interrupted");
    assertThat(Thread.interrupted()).isTrue();
    assertThat(bh.availablePermits()).isZero();
  }

  @Test
  void asyncPermitHeldUntilStageCompletes() {
    Bulkhead bh = Bulkhead.of("b", BulkheadConfig.builder().maxConcurrentCalls(1).build());
    CompletableFuture<String> pending = new CompletableFuture<>();
    var stage = bh.callAsync(() -> pending);
    assertThat(bh.callAsync(() -> CompletableFuture.completedFuture("x")).toCompletableFuture())
        .isCompletedExceptionally();
    pending.complete("done");
    assertThat(stage.toCompletableFuture()).isCompletedWithValue("done");
    assertThat(bh.availablePermits()).isEqualTo(1);
    assertThat(bh.callAsync(() -> {
      throw new IllegalStateException("supplier failed");
    }).toCompletableFuture()).isCompletedExceptionally();
    assertThat(bh.availablePermits()).isEqualTo(1);
  }

  @Test
  void configValidation() {
    assertThatThrownBy(() -> BulkheadConfig.builder().maxConcurrentCalls(0))
        .hasMessage("maxConcurrentCalls must be in [1, 1000000], was 0");
    assertThatThrownBy(() -> BulkheadConfig.builder().maxWait(Duration.ofMillis(-1)))
        .hasMessageContaining("maxWait must be >= 0");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
