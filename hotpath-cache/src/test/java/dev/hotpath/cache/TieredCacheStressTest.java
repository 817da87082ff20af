package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many readers and writers on few keys. Invariant: once {@code invalidate(k)} has returned after
 * version v was committed, no read that starts later returns a version older than v.
 */
class TieredCacheStressTest {

  @ParameterizedTest(name = "virtual threads: {0}")
  @ValueSource(booleans = {false, true})
  void noReadStartedAfterAnInvalidationReturnsAnOlderVersion(boolean virtual) throws Exception {
    run(virtual, false);
  }

  /** The same with writes alternating invalidate and put (one writer per key: puts of one key are ordered). */
  @ParameterizedTest(name = "virtual threads: {0}")
  @ValueSource(booleans = {false, true})
  void noReadStartedAfterAPutOrInvalidationReturnsAnOlderVersion(boolean virtual) throws Exception {
    run(virtual, true);
  }

  private static void run(boolean virtual, boolean puts) throws Exception {
    int keys = 4;
    AtomicLongArray db = new AtomicLongArray(keys);
    AtomicLongArray invalidated = new AtomicLongArray(keys); // highest version whose invalidate returned
    TieredCache<Integer, Long> cache = TieredCache.<Integer, Long>builder(
            TieredCacheConfig.builder("stress").l1Ttl(Duration.ofMinutes(5)).earlyExpirationBeta(0).build(),
            KeyCodec.of(String::valueOf, Integer::valueOf))
        .loader(k -> {
          long v = db.get(k);
          Thread.yield(); // widen the window between reading the source and completing the load
          return v;
        })
        .build();
    int threads = 16;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
    List<String> violations = new ArrayList<>();
    try (ExecutorService pool = virtual ? Executors.newVirtualThreadPerTaskExecutor()
        : Executors.newFixedThreadPool(threads)) {
      List<Future<long[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        boolean writer = t % 4 == 0;
        int ownKey = t / 4; // with puts, writer t/4 alone writes key t/4
        results.add(pool.submit(() -> {
          long reads = 0;
          long writes = 0;
          ThreadLocalRandom rnd = ThreadLocalRandom.current();
          while (System.nanoTime() < deadline) {
            int k = writer && puts ? ownKey : rnd.nextInt(keys);
            if (writer) {
              long v = db.incrementAndGet(k);
              if (puts && (v & 1) == 0) {
                cache.put(k, v);
              } else {
                cache.invalidate(k);
              }
              invalidated.accumulateAndGet(k, v, Math::max);
              writes++;
            } else {
              long floor = invalidated.get(k);
              Long seen = cache.get(k);
              if (seen == null || seen < floor) {
                synchronized (violations) {
                  violations.add("key " + k + ": read " + seen + " after invalidation of " + floor);
                }
              }
              reads++;
            }
          }
          return new long[] {reads, writes};
        }));
      }
      long reads = 0;
      long writes = 0;
      for (Future<long[]> r : results) {
        long[] rw = r.get(30, TimeUnit.SECONDS);
        reads += rw[0];
        writes += rw[1];
      }
      assertThat(reads).isPositive();
      assertThat(writes).isPositive();
    }
    assertThat(violations).isEmpty();
  }
}
