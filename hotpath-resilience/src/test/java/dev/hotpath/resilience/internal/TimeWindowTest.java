package dev.hotpath.resilience.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The doubt from the last review: can a call that races the rollover of its one-second bucket be
 * lost? Many threads record while the clock crosses second boundaries (each boundary replaces a
 * bucket that several threads race for); everything stays inside the window, so every call must
 * be counted.
 */
class TimeWindowTest {
  private static final long SECOND = 1_000_000_000L;

  @ParameterizedTest(name = "virtual={0}")
  @ValueSource(booleans = {false, true})
  void noCallIsLostWhenItRacesTheRolloverOfItsBucket(boolean virtual) throws Exception {
    int seconds = 4;
    for (int round = 0; round < 50; round++) {
      AtomicLong clock = new AtomicLong(round * 7 * SECOND + 999_000_000L);
      // 3 s of the 4 s ring are used: two rollovers to new buckets race with writers, and after
      // a first lap the third rollover replaces a stale bucket from the previous round
      TimeWindow window = new TimeWindow(seconds, clock.get() - 3 * SECOND);
      LongAdder recorded = new LongAdder();
      LongAdder failedRecorded = new LongAdder();
      int threads = 16;
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> all = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        Runnable body = () -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          for (int i = 0; i < 2_000; i++) {
            if (id == 0 && i % 700 == 699) {
              clock.addAndGet(SECOND); // crosses into a new bucket while the others record
            }
            int outcome = (i % 3 == 0) ? CallWindow.FAILED : 0;
            window.record(clock.get(), outcome);
            recorded.increment();
            if (outcome != 0) {
              failedRecorded.increment();
            }
          }
        };
        Thread thread = virtual ? Thread.ofVirtual().unstarted(body) : Thread.ofPlatform().unstarted(body);
        thread.start();
        all.add(thread);
      }
      start.countDown();
      for (Thread thread : all) {
        thread.join();
      }
      long now = clock.get();
      assertThat(window.calls(now)).as("round %d", round).isEqualTo(recorded.sum());
      assertThat(CallWindow.failed(window.badCounts(now))).isEqualTo(failedRecorded.sum());
    }
  }
}
