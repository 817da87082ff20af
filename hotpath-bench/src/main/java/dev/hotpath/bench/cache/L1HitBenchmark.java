package dev.hotpath.bench.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hotpath.cache.KeyCodec;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.cache.TieredCacheConfig;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * An L1 hit of {@link TieredCache} against its anchor, a raw Caffeine {@code getIfPresent} on a
 * cache with the same bounds (size, 10 min TTL). Aim: at most 1.2x Caffeine's time, 0 B/op.
 *
 * <p>Keys follow a Zipf distribution (exponent 1) over 16 384 keys, all resident, so the hot keys
 * are hit far more often than the cold ones, as in production. The contender is a {@code @Param}
 * (each runs in its own fork) and the thread count comes from {@code -t}:
 *
 * <pre>
 * java -jar hotpath-bench/target/benchmarks.jar L1HitBenchmark -t 1 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class L1HitBenchmark {
  private static final int KEYS = 1 << 14;
  private static final int SAMPLES = 1 << 16;

  /** {@code hotpath}: TieredCache (L1 only, defaults: XFetch on, TTL jitter); {@code caffeine}: the anchor. */
  @Param({"hotpath", "caffeine"})
  public String contender = "hotpath";

  private final Long[] keys = new Long[KEYS];
  private final int[] zipf = new int[SAMPLES];
  private boolean hotpath;
  private TieredCache<Long, String> tiered;
  private Cache<Long, String> caffeine;

  /** Per-thread position in the shared Zipf sample, starting at a random place. */
  @State(Scope.Thread)
  public static class Cursor {
    private int i = new SplittableRandom().nextInt(SAMPLES);

    int next() {
      return i++ & (SAMPLES - 1);
    }
  }

  @Setup
  public void setUp() {
    hotpath = switch (contender) {
      case "hotpath" -> true;
      case "caffeine" -> false;
      default -> throw new IllegalArgumentException("contender must be hotpath or caffeine, was " + contender);
    };
    tiered = TieredCache.<Long, String>builder(
            TieredCacheConfig.builder("bench").l1MaximumSize(2 * KEYS).l1Ttl(Duration.ofMinutes(10)).build(),
            KeyCodec.longs())
        .loader(k -> "value-" + k)
        .build();
    caffeine = Caffeine.newBuilder().maximumSize(2 * KEYS).expireAfterWrite(Duration.ofMinutes(10)).build();
    for (int i = 0; i < KEYS; i++) {
      keys[i] = (long) i;
      tiered.get(keys[i]);
      caffeine.put(keys[i], "value-" + i);
    }
    // Zipf(1) by inverse CDF over the harmonic weights 1/1, 1/2, ..., 1/KEYS.
    double[] cdf = new double[KEYS];
    double sum = 0;
    for (int i = 0; i < KEYS; i++) {
      sum += 1.0 / (i + 1);
      cdf[i] = sum;
    }
    SplittableRandom rnd = new SplittableRandom(42);
    for (int s = 0; s < SAMPLES; s++) {
      double u = rnd.nextDouble() * sum;
      int lo = 0;
      int hi = KEYS - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cdf[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      zipf[s] = lo;
    }
  }

  @Benchmark
  public @Nullable String l1Hit(Cursor c) {
    Long key = keys[zipf[c.next()]];
    return hotpath ? tiered.get(key) : caffeine.getIfPresent(key);
  }
}
