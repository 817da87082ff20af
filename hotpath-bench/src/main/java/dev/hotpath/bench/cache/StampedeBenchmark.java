package dev.hotpath.bench.cache;

import dev.hotpath.cache.KeyCodec;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.cache.TieredCacheConfig;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A stampede: {@code callers} threads miss one cold key at the same moment and the load takes
 * 1 ms. Compares loads per stampede (printed at the end of each trial) and the time until every
 * caller has its value: TieredCache (single flight) against the guide's naive cache-aside over a
 * map (get, on null load and put), the anchor that every caller loads in.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StampedeBenchmark {
  @Param({"32"})
  public int callers;

  private final AtomicLong loads = new AtomicLong();
  private final AtomicLong stampedes = new AtomicLong();
  private final AtomicLong nextKey = new AtomicLong();
  private ExecutorService pool;
  private TieredCache<Long, String> tiered;
  private final ConcurrentHashMap<Long, String> naive = new ConcurrentHashMap<>();

  @Setup
  public void setUp() {
    pool = Executors.newFixedThreadPool(callers);
    tiered = TieredCache.<Long, String>builder(
            TieredCacheConfig.builder("stampede").l1MaximumSize(100_000).l1Ttl(Duration.ofMinutes(1)).build(),
            KeyCodec.longs())
        .loader(this::slowLoad)
        .build();
  }

  @TearDown
  public void tearDown() {
    pool.shutdownNow();
    System.out.printf("%n  loads per stampede of %d callers: %.2f%n", callers,
        (double) loads.get() / Math.max(1, stampedes.get()));
    loads.set(0);
    stampedes.set(0);
  }

  private String slowLoad(long key) throws InterruptedException {
    loads.incrementAndGet();
    Thread.sleep(1);
    return "v" + key;
  }

  private void stampede(LongFunction<String> read) throws InterruptedException {
    long key = nextKey.incrementAndGet();
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(callers);
    for (int i = 0; i < callers; i++) {
      pool.execute(() -> {
        try {
          start.await();
          if (read.apply(key) == null) {
            throw new IllegalStateException("no value for " + key);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      });
    }
    start.countDown();
    done.await();
    stampedes.incrementAndGet();
  }

  @Benchmark
  public void tieredCache() throws InterruptedException {
    stampede(tiered::get);
  }

  @Benchmark
  public void naiveCacheAside() throws InterruptedException {
    stampede(key -> {
      String v = naive.get(key);
      if (v == null) {
        try {
          v = slowLoad(key);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
        naive.put(key, v);
      }
      return v;
    });
  }
}
