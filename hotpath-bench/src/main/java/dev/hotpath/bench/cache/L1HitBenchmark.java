package dev.hotpath.bench.cache;

import org.jspecify.annotations.Nullable;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.hotpath.cache.KeyCodec;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.cache.TieredCacheConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An L1 hit of {@link TieredCache} against its anchor, a raw Caffeine {@code getIfPresent} on a
 * cache with the same bounds (size and per-write TTL). The aim: at most 1.2x Caffeine's time.
 * TieredCache's hit also unwraps the in-flight future, counts the hit (LongAdder and the request
 * Scope) and checks the XFetch horizon.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class L1HitBenchmark {
  private static final int KEYS = 1 << 10;
  private final Long[] keys = new Long[KEYS];
  private TieredCache<Long, String> tiered;
  private TieredCache<Long, String> tieredNoXfetch;
  private Cache<Long, String> caffeine;
  private ConcurrentMap<Long, CompletableFuture<String>> caffeineAsyncVariable;

  /** Per-thread key cursor. */
  @State(Scope.Thread)
  public static class Cursor {
    private int i;

    int next() {
      return i++ & (KEYS - 1);
    }
  }

  @Setup
  public void setUp() {
    tiered = TieredCache.<Long, String>builder(
            TieredCacheConfig.builder("bench").l1MaximumSize(10_000).l1Ttl(Duration.ofMinutes(10)).build(),
            KeyCodec.longs())
        .loader(k -> "value-" + k)
        .build();
    tieredNoXfetch = TieredCache.<Long, String>builder(
            TieredCacheConfig.builder("bench").l1MaximumSize(10_000).l1Ttl(Duration.ofMinutes(10))
                .earlyExpirationBeta(0).build(),
            KeyCodec.longs())
        .loader(k -> "value-" + k)
        .build();
    caffeine = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)).build();
    AsyncCache<Long, String> async = Caffeine.newBuilder().maximumSize(10_000)
        .expireAfter(Expiry.<Long, String>creating((k, v) -> Duration.ofMinutes(10)))
        .buildAsync();
    caffeineAsyncVariable = async.asMap();
    for (int i = 0; i < KEYS; i++) {
      async.put((long) i, CompletableFuture.completedFuture("value-" + i));
      keys[i] = (long) i;
      tiered.get(keys[i]);
      tieredNoXfetch.get(keys[i]);
      caffeine.put(keys[i], "value-" + i);
    }
  }

  @Benchmark
  @Threads(1)
  public @Nullable String tieredL1Hit(Cursor c) {
    return tiered.get(keys[c.next()]);
  }

  /** Without early expiration: the hit skips reading the clock. */
  @Benchmark
  @Threads(1)
  public @Nullable String tieredL1HitNoXfetch(Cursor c) {
    return tieredNoXfetch.get(keys[c.next()]);
  }

  @Benchmark
  @Threads(1)
  public @Nullable String caffeineGetIfPresent(Cursor c) {
    return caffeine.getIfPresent(keys[c.next()]);
  }

  /**
   * What TieredCache's L1 is made of: Caffeine's AsyncCache (the in-flight future is the entry)
   * with variable expiry (per-entry TTLs for jitter and negative caching), read through asMap().
   */
  @Benchmark
  @Threads(1)
  public @Nullable String caffeineAsyncVariableExpiry(Cursor c) {
    CompletableFuture<String> f = caffeineAsyncVariable.get(keys[c.next()]);
    return f == null ? null : f.resultNow();
  }

  @Benchmark
  @Threads(2)
  public @Nullable String tieredL1Hit2(Cursor c) {
    return tiered.get(keys[c.next()]);
  }

  @Benchmark
  @Threads(2)
  public @Nullable String caffeineGetIfPresent2(Cursor c) {
    return caffeine.getIfPresent(keys[c.next()]);
  }
}
