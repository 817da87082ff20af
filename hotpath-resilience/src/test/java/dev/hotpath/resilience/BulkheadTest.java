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
    Bulkhead bh = Bulkhead.of("b", BulkheadConfig.builder().maxConcurrentCalls(1)
        .eventExecutor(Runnable::run).build());
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
    Permit held = bh.acquirePermit();
    assertThatThrownBy(() -> bh.call(() -> 1)).isInstanceOf(BulkheadFullException.class);
    assertThat(bh.availablePermits()).isZero(); // the timed-out waiter did not free the holder's permit
    held.release();
    assertThat(bh.availablePermits()).isEqualTo(1);
  }

  @Test
  void waiterGetsPermitWhenFreedWithinMaxWait() throws Exception {
    Bulkhead bh = Bulkhead.of("b", BulkheadConfig.builder().maxConcurrentCalls(1)
        .maxWait(Duration.ofSeconds(10)).build());
    Permit held = bh.acquirePermit();
    CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> bh.get(() -> 7));
    Thread.sleep(20);
    assertThat(waiter).isNotDone();
    held.onSuccess(0);
    assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo(7);
  }

  @Test
  void interruptedWaiterIsRejectedWithFlagRestored() throws Exception {
    Bulkhead bh = Bulkhead.of("b", BulkheadConfig.builder().maxConcurrentCalls(1)
        .maxWait(Duration.ofSeconds(30)).build());
    bh.acquirePermit();
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
    assertThatThrownBy(() -> BulkheadConfig.builder().maxConcurrentCalls(0).build())
        .hasMessage("BulkheadConfig.maxConcurrentCalls must be in [1, 1000000], was 0");
    assertThatThrownBy(() -> BulkheadConfig.builder().maxWait(Duration.ofMillis(-1)).build())
        .hasMessage("BulkheadConfig.maxWait must be >= 0, was PT-0.001S");
    assertThatThrownBy(() -> BulkheadConfig.builder().maxWait(null))
        .isInstanceOf(NullPointerException.class).hasMessage("BulkheadConfig.maxWait");
    BulkheadConfig custom = BulkheadConfig.builder().maxConcurrentCalls(3).build();
    assertThat(BulkheadConfig.from(custom).build()).isEqualTo(custom).hasSameHashCodeAs(custom);
    assertThat(BulkheadConfig.from(custom).fair(false).build()).isNotEqualTo(custom);
    assertThat(custom.toString()).contains("maxConcurrentCalls=3");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // issue 17: a null stage lost the permit for good (NPE in whenComplete after it was taken)
  @Test
  void asyncNullStageReleasesThePermit() {
    Bulkhead bh = Bulkhead.of("b", BulkheadConfig.builder().maxConcurrentCalls(1).build());
    CompletableFuture<String> out = bh.<String>callAsync(() -> null).toCompletableFuture();
    assertThatThrownBy(out::join).hasCauseInstanceOf(NullPointerException.class)
        .hasMessageContaining("'b'.callAsync returned null instead of a CompletionStage");
    assertThat(bh.availablePermits()).isEqualTo(1);
  }

  @Test
  void asyncCallWaitsForAPermitOffTheCallersThreadAndCancellingStopsTheWait() throws Exception {
    Bulkhead bh = Bulkhead.of("b", BulkheadConfig.builder().maxConcurrentCalls(1)
        .maxWait(Duration.ofSeconds(30)).build());
    Permit held = bh.acquirePermit();
    List<String> ranOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<String> waiting = bh.callAsync(() -> {
      ranOn.add(Thread.currentThread().toString());
      return CompletableFuture.completedFuture("ran");
    }).toCompletableFuture(); // returns at once although no permit is free
    assertThat(waiting).isNotDone();
    held.release();
    assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("ran");
    assertThat(ranOn).singleElement().asString().contains("hotpath-permit-wait-");
    assertThat(bh.availablePermits()).isEqualTo(1);

    Permit again = bh.acquirePermit();
    CompletableFuture<String> abandoned = bh.callAsync(() -> {
      ranOn.add("abandoned call was made");
      return CompletableFuture.completedFuture("never");
    }).toCompletableFuture();
    abandoned.cancel(true); // the caller gives up while waiting
    again.release();
    assertThat(bh.call(() -> "after")).isEqualTo("after");
    assertThat(ranOn).hasSize(1); // the abandoned call was never made
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (bh.availablePermits() != 1 && System.nanoTime() < deadline) {
      Thread.sleep(1); // the waiter thread winds down
    }
    assertThat(bh.availablePermits()).isEqualTo(1);
  }
}
