package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Starts many platform or virtual threads at once on one body and fails on any error. */
final class Hammer {
  private Hammer() {}

  /** A body run by one of the threads; {@code thread} is its index. */
  @FunctionalInterface
  interface Body {
    void run(int thread) throws Exception;
  }

  static void runAll(boolean virtual, int threads, Body body) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>(threads);
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    for (int i = 0; i < threads; i++) {
      int index = i;
      Runnable task = () -> {
        try {
          start.await();
          body.run(index);
        } catch (Throwable e) {
          errors.add(e);
        }
      };
      Thread t = virtual ? Thread.ofVirtual().unstarted(task)
          : Thread.ofPlatform().stackSize(256 * 1024).unstarted(task);
      t.start();
      all.add(t);
    }
    start.countDown();
    for (Thread t : all) {
      t.join(TimeUnit.MINUTES.toMillis(2));
      assertThat(t.isAlive()).as("thread finished").isFalse();
    }
    if (!errors.isEmpty()) {
      AssertionError failure = new AssertionError(errors.size() + " threads failed");
      errors.stream().limit(5).forEach(failure::addSuppressed);
      throw failure;
    }
  }

  /** Waits (up to 10 s) for a condition that background threads settle, e.g. waiters winding down. */
  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }
}
