package dev.hotpath.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.hotpath.metrics.FakeTicker;
import dev.hotpath.metrics.LatencySnapshot;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class WorkerPoolTest {

  private static WorkerPoolConfig.Builder oneWorker(Backpressure policy, int capacity) {
    return WorkerPoolConfig.builder()
        .workers(1)
        .queueCapacity(capacity)
        .backpressure(policy)
        .shutdownTimeout(Duration.ofSeconds(5));
  }

  /** Occupies the single worker until {@code release} opens; returns once it is running. */
  private static CompletableFuture<?> occupy(WorkerPool pool, CountDownLatch release)
      throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<?> f =
        pool.submit(
            () -> {
              started.countDown();
              release.await();
              return "blocker";
            });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    return f;
  }

  @ParameterizedTest
  @EnumSource(WorkerThreads.class)
  void runsTasksAndSurvivesFailures(WorkerThreads threads) throws Exception {
    try (WorkerPool pool =
        WorkerPool.create("test", WorkerPoolConfig.builder().workers(2).threads(threads).build())) {
      CompletableFuture<Integer> ok = pool.submit(() -> 6 * 7);
      CompletableFuture<Integer> bad =
          pool.submit(
              () -> {
                throw new IllegalStateException("boom");
              });
      assertThat(ok.get(10, TimeUnit.SECONDS)).isEqualTo(42);
      assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IllegalStateException.class);
      // the workers survived the failure
      assertThat(pool.submit(() -> "again").get(10, TimeUnit.SECONDS)).isEqualTo("again");
      WorkerPoolStats stats = pool.stats();
      assertThat(stats.completed()).isEqualTo(3);
      assertThat(stats.failed()).isEqualTo(1);
      assertThat(stats.submitted()).isEqualTo(3);
    }
  }

  @Test
  void rejectPolicyThrowsWhenQueueFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (WorkerPool pool = WorkerPool.create("test", oneWorker(Backpressure.REJECT, 2).build())) {
      occupy(pool, release);
      CompletableFuture<String> a = pool.submit(() -> "a");
      CompletableFuture<String> b = pool.submit(() -> "b");
      assertThatThrownBy(() -> pool.submit(() -> "c"))
          .isInstanceOf(RejectedExecutionException.class)
          .hasMessageContaining("test")
          .hasMessageContaining("full");
      assertThat(pool.stats().rejected()).isEqualTo(1);
      assertThat(pool.stats().queueDepth()).isEqualTo(2);
      release.countDown();
      assertThat(a.get(10, TimeUnit.SECONDS) + b.get(10, TimeUnit.SECONDS)).isEqualTo("ab");
    }
  }

  @Test
  void callerRunsPolicyRunsOnTheSubmittingThread() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (WorkerPool pool = WorkerPool.create("test", oneWorker(Backpressure.CALLER_RUNS, 1).build())) {
      occupy(pool, release);
      pool.submit(() -> "queued");
      Thread caller = Thread.currentThread();
      CompletableFuture<Thread> ranOn = pool.submit(Thread::currentThread);
      assertThat(ranOn).isCompletedWithValue(caller);
      assertThat(pool.stats().callerRuns()).isEqualTo(1);
      assertThat(pool.stats().rejected()).isZero();
      release.countDown();
    }
  }

  @Test
  void blockPolicyRejectsAfterTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (WorkerPool pool =
        WorkerPool.create("test", oneWorker(Backpressure.BLOCK, 1).blockTimeout(Duration.ofMillis(30)).build())) {
      occupy(pool, release);
      pool.submit(() -> "queued");
      assertThatThrownBy(() -> pool.submit(() -> "late"))
          .isInstanceOf(RejectedExecutionException.class)
          .hasMessageContaining("stayed full for PT0.03S");
      assertThat(pool.stats().rejected()).isEqualTo(1);
      release.countDown();
    }
  }

  @Test
  void blockPolicyWaitsForSpace() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (WorkerPool pool =
        WorkerPool.create("test", oneWorker(Backpressure.BLOCK, 1).blockTimeout(Duration.ofSeconds(30)).build())) {
      occupy(pool, release);
      pool.submit(() -> "queued");
      AtomicReference<CompletableFuture<String>> late = new AtomicReference<>();
      Thread submitter = Thread.ofPlatform().start(() -> late.set(pool.submit(() -> "late")));
      // the submitter is blocked: wait until it parks, then free the worker
      while (submitter.getState() == Thread.State.RUNNABLE || submitter.getState() == Thread.State.NEW) {
        Thread.onSpinWait();
      }
      assertThat(late.get()).isNull();
      release.countDown();
      submitter.join(10_000);
      assertThat(late.get().get(10, TimeUnit.SECONDS)).isEqualTo("late");
      assertThat(pool.stats().rejected()).isZero();
    }
  }

  @Test
  void measuresWaitAndRunTimeWithTheTicker() throws Exception {
    FakeTicker ticker = new FakeTicker();
    CountDownLatch release = new CountDownLatch(1);
    try (WorkerPool pool = WorkerPool.create("test", oneWorker(Backpressure.REJECT, 4).build(), ticker)) {
      CompletableFuture<?> blocker = occupy(pool, release);
      CompletableFuture<String> queued = pool.submit(() -> "queued");
      ticker.advance(Duration.ofMillis(7));
      release.countDown();
      queued.get(10, TimeUnit.SECONDS);
      blocker.get(10, TimeUnit.SECONDS);
      WorkerPoolStats stats = pool.stats();
      assertThat(stats.maxWaitNanos()).isEqualTo(Duration.ofMillis(7).toNanos());
      assertThat(stats.totalWaitNanos()).isEqualTo(Duration.ofMillis(7).toNanos());
      assertThat(stats.maxRunNanos()).isEqualTo(Duration.ofMillis(7).toNanos());
      assertThat(stats.meanRunNanos()).isEqualTo(Duration.ofMillis(7).toNanos() / 2.0);
      LatencySnapshot waits = pool.intervalWaitTimes();
      assertThat(waits.count()).isEqualTo(2);
      assertThat(waits.max()).isCloseTo(Duration.ofMillis(7).toNanos(), withinPercentage(0.1));
      assertThat(waits.min()).isZero();
      assertThat(pool.intervalRunTimes().p99()).isCloseTo(Duration.ofMillis(7).toNanos(), withinPercentage(0.1));
      assertThat(pool.intervalWaitTimes().count()).as("a new interval").isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(WorkerThreads.class)
  void shutdownDrainsTheQueue(WorkerThreads threads) throws Exception {
    WorkerPool pool =
        WorkerPool.create("test", WorkerPoolConfig.builder().workers(3).threads(threads).queueCapacity(2_000).build());
    AtomicInteger ran = new AtomicInteger();
    List<CompletableFuture<?>> futures = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      futures.add(pool.submit(ran::incrementAndGet));
    }
    ShutdownReport report = pool.shutdown(Duration.ofSeconds(30));
    assertThat(report.drained()).isTrue();
    assertThat(report.notRun()).isEmpty();
    assertThat(ran).hasValue(2_000);
    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(pool.isTerminated()).isTrue();
    assertThatThrownBy(() -> pool.submit(() -> 1))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("shut down");
    assertThat(pool.shutdown(Duration.ZERO)).isSameAs(report);
  }

  @Test
  void shutdownDeadlineReturnsWhatDidNotRunAndInterruptsBusyWorkers() throws Exception {
    WorkerPool pool = WorkerPool.create("test", oneWorker(Backpressure.REJECT, 10).build());
    CompletableFuture<?> blocker = occupy(pool, new CountDownLatch(1)); // never released
    AtomicInteger ran = new AtomicInteger();
    List<CompletableFuture<Integer>> queued = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      queued.add(pool.submit(ran::incrementAndGet));
    }
    ShutdownReport report = pool.shutdown(Duration.ofMillis(50));
    assertThat(report.drained()).isFalse();
    assertThat(report.interruptedWorkers()).isEqualTo(1);
    assertThat(report.notRun()).hasSize(10);
    assertThat(pool.awaitTermination(Duration.ofSeconds(10))).isTrue();
    assertThatThrownBy(() -> blocker.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(ran).hasValue(0);
    assertThat(queued).noneMatch(CompletableFuture::isDone);
    // the caller decides: here, resubmit them to another pool
    try (WorkerPool other = WorkerPool.create("test", oneWorker(Backpressure.BLOCK, 10).build())) {
      List<CompletableFuture<?>> again = new ArrayList<>();
      for (Object task : report.notRun()) {
        @SuppressWarnings("unchecked")
        Callable<Integer> callable = (Callable<Integer>) task;
        again.add(other.submit(callable));
      }
      CompletableFuture.allOf(again.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }
    assertThat(ran).hasValue(10);
    assertThat(report.cancelNotRun()).isEqualTo(10);
    assertThat(queued).allMatch(CompletableFuture::isCancelled);
  }

  @Test
  void notRunHandsBackTheTasksAsSubmitted() throws Exception {
    WorkerPool pool = WorkerPool.create("test", oneWorker(Backpressure.REJECT, 10).build());
    occupy(pool, new CountDownLatch(1)); // never released
    Runnable runnable = () -> {};
    Callable<String> callable = () -> "c";
    Runnable executed = () -> {};
    CompletableFuture<?> runnableFuture = pool.submit(runnable);
    CompletableFuture<String> callableFuture = pool.submit(callable);
    pool.execute(executed);
    ShutdownReport report = pool.shutdown(Duration.ofMillis(20));
    // the user's own objects, to persist or resubmit; not the pool's wrappers
    assertThat(report.notRun()).containsExactly(runnable, callable, executed);
    assertThat(runnableFuture).isNotDone();
    assertThat(report.cancelNotRun()).isEqualTo(3);
    assertThat(runnableFuture).isCancelled();
    assertThat(callableFuture).isCancelled();
  }

  /**
   * One rule for an interrupted submitter, whatever the policy: an interrupt never refuses a task
   * the queue has room for, it only ends a BLOCK wait for room (the task is then rejected), and
   * submit never clears the interrupt status.
   */
  @ParameterizedTest
  @EnumSource(Backpressure.class)
  void anInterruptedSubmitterIsAcceptedWhenThereIsRoom(Backpressure policy) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (WorkerPool pool = WorkerPool.create("test", oneWorker(policy, 2).build())) {
      occupy(pool, release);
      Thread.currentThread().interrupt();
      try {
        CompletableFuture<String> f = pool.submit(() -> "ok");
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
        assertThat(pool.stats().rejected()).isZero();
        release.countDown();
        Thread.interrupted();
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
      } finally {
        Thread.interrupted();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backpressure.class)
  void anInterruptedSubmitterFindingTheQueueFull(Backpressure policy) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (WorkerPool pool =
        WorkerPool.create("test", oneWorker(policy, 1).blockTimeout(Duration.ofSeconds(30)).build())) {
      occupy(pool, release);
      pool.submit(() -> "fills the queue");
      Thread.currentThread().interrupt();
      try {
        switch (policy) {
          case BLOCK, REJECT ->
              assertThatThrownBy(() -> pool.submit(() -> "late"))
                  .isInstanceOf(RejectedExecutionException.class)
                  .hasMessageContaining(policy == Backpressure.BLOCK ? "interrupted" : "is full");
          case CALLER_RUNS -> {
            CompletableFuture<Boolean> sawInterrupt = pool.submit(() -> Thread.currentThread().isInterrupted());
            assertThat(sawInterrupt).isCompletedWithValue(true); // ran here, interrupt visible to the task
          }
        }
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
      } finally {
        Thread.interrupted();
        release.countDown();
      }
    }
  }

  @Test
  void unboundedDurationsSaturateInsteadOfOverflowing() throws Exception {
    WorkerPool pool = WorkerPool.create("test", oneWorker(Backpressure.BLOCK, 4).build());
    CompletableFuture<Integer> f = pool.submit(() -> 42);
    ShutdownReport report = pool.shutdown(ChronoUnit.FOREVER.getDuration());
    assertThat(report.drained()).isTrue();
    assertThat(f).isCompletedWithValue(42);
    assertThat(pool.awaitTermination(ChronoUnit.FOREVER.getDuration())).isTrue();
    assertThat(pool.awaitTermination(Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
    assertThat(pool.isTerminated()).isTrue();
  }

  @Test
  void closeCancelsWhatDidNotRun() throws Exception {
    WorkerPool pool =
        WorkerPool.create("test", oneWorker(Backpressure.REJECT, 5).shutdownTimeout(Duration.ZERO).build());
    occupy(pool, new CountDownLatch(1));
    CompletableFuture<String> queued = pool.submit(() -> "never");
    pool.close();
    assertThatThrownBy(() -> queued.get(10, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class);
  }

  /**
   * Many submitters race a shutdown. Invariant: every accepted task either ran or is returned as
   * not run; every refused one threw.
   */
  @ParameterizedTest
  @EnumSource(WorkerThreads.class)
  void stressShutdownLosesNothing(WorkerThreads threads) throws Exception {
    for (int round = 0; round < 5; round++) {
      WorkerPool pool =
          WorkerPool.create("test", WorkerPoolConfig.builder()
                  .workers(4)
                  .threads(threads)
                  .queueCapacity(64)
                  .backpressure(round % 2 == 0 ? Backpressure.BLOCK : Backpressure.REJECT)
                  .blockTimeout(Duration.ofSeconds(5))
                  .build());
      AtomicInteger ran = new AtomicInteger();
      AtomicInteger accepted = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      int submitters = 16;
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> producers = new ArrayList<>();
      for (int s = 0; s < submitters; s++) {
        Thread.Builder builder = s % 2 == 0 ? Thread.ofPlatform() : Thread.ofVirtual();
        producers.add(
            builder.start(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < 1_000; i++) {
                    try {
                      pool.submit(
                          () -> {
                            ran.incrementAndGet();
                          });
                      accepted.incrementAndGet();
                    } catch (RejectedExecutionException e) {
                      refused.incrementAndGet();
                      if (pool.isShutdown()) {
                        return; // nothing more will be accepted
                      }
                    }
                  }
                }));
      }
      go.countDown();
      Thread.sleep(round); // let some work in before the shutdown; correctness does not depend on it
      ShutdownReport report = pool.shutdown(Duration.ofMillis(round * 5L));
      for (Thread p : producers) {
        p.join();
      }
      assertThat(pool.awaitTermination(Duration.ofSeconds(10))).isTrue();
      assertThat(ran.get() + report.notRun().size())
          .as("ran + notRun == accepted (round %d)", round)
          .isEqualTo(accepted.get());
      assertThat(pool.stats().rejected()).isEqualTo(refused.get());
    }
  }

  @Test
  void configRejectsBadValuesNamingTheSetting() {
    assertThatThrownBy(() -> WorkerPoolConfig.builder().workers(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("WorkerPoolConfig.workers must be in [1, 10000], was 0");
    assertThatThrownBy(() -> WorkerPoolConfig.builder().queueCapacity(-1).build())
        .hasMessageContaining("WorkerPoolConfig.queueCapacity must be in [1, ");
    assertThatThrownBy(() -> WorkerPoolConfig.builder().blockTimeout(Duration.ZERO).build())
        .hasMessage("WorkerPoolConfig.blockTimeout must be positive (ChronoUnit.FOREVER: no bound), was PT0S");
    assertThatThrownBy(() -> WorkerPool.create(" ", WorkerPoolConfig.ofDefaults()))
        .hasMessage("WorkerPool name must be non-blank, was ' '");
    assertThat(WorkerPoolConfig.builder().blockTimeout(ChronoUnit.FOREVER.getDuration())
            .shutdownTimeout(ChronoUnit.FOREVER.getDuration()).build().blockTimeout())
        .isEqualTo(ChronoUnit.FOREVER.getDuration());
    WorkerPoolConfig base = WorkerPoolConfig.builder().workers(3).build();
    assertThat(WorkerPoolConfig.from(base).build()).isEqualTo(base);
  }
}
