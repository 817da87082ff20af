package dev.hotpath.concurrency;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a body on many threads of one kind, all released at once; rethrows the first failure. */
final class Stress {
  private Stress() {}

  interface Body {
    void run(int thread) throws Exception;
  }

  static void run(WorkerThreads kind, int threads, Body body) throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread.Builder builder = kind == WorkerThreads.VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform();
      started.add(
          builder.start(
              () -> {
                try {
                  go.await();
                  body.run(id);
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              }));
    }
    go.countDown();
    for (Thread thread : started) {
      thread.join();
    }
    Throwable first = failure.get();
    if (first != null) {
      throw new AssertionError("a stress thread failed", first);
    }
  }
}
