package dev.hotpath.bench.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.hotpath.cache.KeyCodec;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.cache.TieredCacheConfig;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An L1 hit of {@link TieredCache} against its anchor, a raw Caffeine {@code getIfPresent} on a
 * cache with the same bounds (size 32 768, 10 min TTL). Aim: at most 1.2x Caffeine's time, 0 B/op.
 *
 * <p>The contenders, in pairs that expire entries the same way:
 *
 * <ul>
 *   <li>{@code hotpath}: {@code TieredCache.get}, L1 only, default settings: L1 TTL jitter, the
 *       plain value in Caffeine with a per-entry expiry ({@code expireAfter}) whose read callback
 *       compares the entry's time left with the XFetch horizon; the verdict check (one shared
 *       counter read); the hit counter; the request {@code Scope} check (no scope open here).
 *   <li>{@code caffeineVariable}: its anchor, raw Caffeine {@code getIfPresent} with a per-entry
 *       expiry that gives each value a jittered TTL (as hotpath's L1 does) and leaves reads alone.
 *   <li>{@code hotpathFixed}: as {@code hotpath} with {@code l1Jitter(false)}: every value gets
 *       exactly {@code l1Ttl} (still Caffeine's per-entry expiry).
 *   <li>{@code hotpathFixedNoXfetch}: as {@code hotpathFixed} with {@code earlyExpirationBeta(0)}.
 *   <li>{@code caffeine}: raw Caffeine {@code getIfPresent} with the fixed {@code
 *       expireAfterWrite}, the cheapest hit Caffeine has.
 * </ul>
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

  /** See the class comment. */
  @Param({"hotpath", "caffeineVariable", "hotpathFixed", "hotpathFixedNoXfetch", "caffeine"})
  public String contender = "hotpath";

  private final Long[] keys = new Long[KEYS];
  private final int[] zipf = new int[SAMPLES];
  private boolean hotpath;
  private TieredCache<Long, String> tiered;
  private Cache<Long, String> caffeine;

  private static final Duration TTL = Duration.ofMinutes(10);

  private static TieredCache<Long, String> tiered(TieredCacheConfig.Builder config) {
    return TieredCache.<Long, String>builder(config.build(), KeyCodec.longs()).loader(k -> "value-" + k).build();
  }

  /** Each value's TTL shortened by a random fraction below 0.1 (TieredCache's default jitter); reads change nothing. */
  static class JitteredTtl<V> implements Expiry<Long, V> {
    private static final long TTL_NANOS = TTL.toNanos();

    private static long ttl() {
      return TTL_NANOS - (long) (TTL_NANOS * 0.1 * ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public long expireAfterCreate(Long key, V value, long currentTime) {
      return ttl();
    }

    @Override
    public long expireAfterUpdate(Long key, V value, long currentTime, long currentDuration) {
      return ttl();
    }

    @Override
    public long expireAfterRead(Long key, V value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }

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
    TieredCacheConfig.Builder config =
        TieredCacheConfig.builder("bench").l1MaximumSize(2 * KEYS).l1Ttl(TTL);
    // Both are built (the other one stays empty and idle), so the benchmark method is the same code
    // for every contender.
    hotpath = contender.startsWith("hotpath");
    tiered = tiered(switch (contender) {
      case "hotpathFixed" -> config.l1Jitter(false);
      case "hotpathFixedNoXfetch" -> config.l1Jitter(false).earlyExpirationBeta(0);
      default -> config;
    });
    caffeine = switch (contender) {
      case "caffeineVariable" -> Caffeine.newBuilder().maximumSize(2 * KEYS).expireAfter(new JitteredTtl<String>()).build();
      default -> Caffeine.newBuilder().maximumSize(2 * KEYS).expireAfterWrite(TTL).build();
    };
    if (!List.of("hotpath", "hotpathFixed", "hotpathFixedNoXfetch", "caffeine", "caffeineVariable").contains(contender)) {
      throw new IllegalArgumentException("unknown contender " + contender);
    }
    for (int i = 0; i < KEYS; i++) {
      keys[i] = (long) i;
      if (hotpath) {
        tiered.get(keys[i]);
      } else {
        caffeine.put(keys[i], "value-" + i);
      }
    }
    zipf(zipf, KEYS);
    // The fill left each contender's objects in allocation order: TieredCache's loads interleave
    // its entries with futures and flights, raw puts do not. A collection moves what survives
    // into the order a long-lived cache has after its first GCs, the same for every contender
    // (the measured hits allocate nothing, so no GC runs during the measurement).
    System.gc();
    System.gc();
  }

  /** Fills {@code sample} with key indexes in [0, keys) drawn from Zipf(1), by inverse CDF, seeded. */
  static void zipf(int[] sample, int keys) {
    double[] cdf = new double[keys];
    double sum = 0;
    for (int i = 0; i < keys; i++) {
      sum += 1.0 / (i + 1);
      cdf[i] = sum;
    }
    SplittableRandom rnd = new SplittableRandom(42);
    for (int s = 0; s < sample.length; s++) {
      double u = rnd.nextDouble() * sum;
      int lo = 0;
      int hi = keys - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cdf[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      sample[s] = lo;
    }
  }

  /** Shows that the measured reads were hits: misses beyond the initial fill would skew the figure. */
  @TearDown
  public void tearDown() {
    if (hotpath) {
      System.out.println("\nTieredCache after the trial: " + tiered.stats());
    }
  }

  @Benchmark
  public @Nullable String l1Hit(Cursor c) {
    Long key = keys[zipf[c.next()]];
    return hotpath ? tiered.get(key) : caffeine.getIfPresent(key);
  }
}
