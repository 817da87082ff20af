package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyRecorderTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void concurrentRecordsLandInExactlyOneInterval(boolean virtual) throws Exception {
    LatencyRecorder recorder = new LatencyRecorder();
    int threads = 16;
    int perThread = 50_000;
    List<LatencySnapshot> intervals = new ArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool =
        virtual ? Executors.newVirtualThreadPerTaskExecutor() : Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long value = 1_000L * (t + 1);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    recorder.record(value);
                  }
                  return null;
                }));
      }
      Thread reader =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!done.get()) {
                      intervals.add(recorder.intervalSnapshot());
                      Thread.onSpinWait();
                    }
                  });
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
      done.set(true);
      reader.join();
    }
    intervals.add(recorder.intervalSnapshot());
    LatencySnapshot total = LatencySnapshot.merge(intervals);
    assertThat(total.count()).isEqualTo((long) threads * perThread);
    assertThat(total.min()).isEqualTo(1_000);
    assertThat((double) total.max()).isCloseTo(16_000, org.assertj.core.data.Percentage.withPercentage(0.1));
    assertThat(recorder.intervalSnapshot().isEmpty()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 999, 3_600_000_000_000L, Long.MAX_VALUE / 4})
  void extremeValuesAreKeptNotClamped(long value) {
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.record(value);
    LatencySnapshot s = recorder.intervalSnapshot();
    assertThat(s.count()).isEqualTo(1);
    assertThat((double) s.max()).isCloseTo((double) value, org.assertj.core.data.Offset.offset(Math.max(1.0, value * 0.001)));
  }

  @org.junit.jupiter.api.Test
  void negativeValuesCountAsZero() {
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.record(-5);
    assertThat(recorder.intervalSnapshot().max()).isZero();
  }
}
