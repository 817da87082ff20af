package dev.hotpath.bench.cache;

import org.jspecify.annotations.Nullable;
import dev.hotpath.cache.KeyCodec;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.cache.TieredCacheConfig;
import dev.hotpath.cache.ValueCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An L2 hit of {@link TieredCache} (L1 misses, Redis answers) against its anchor, a raw Lettuce
 * synchronous GET of the same 100-byte value on the same Redis ({@code HOTPATH_REDIS_URI}, default
 * {@code redis://127.0.0.1:6379}). L1 is made to miss by a ticker that jumps an hour per reading,
 * so every L1 entry has expired by the next read; the TieredCache path adds the L1 miss, the
 * breaker, the codec and the L1 fill.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class L2HitBenchmark {
  private static final String VALUE = "x".repeat(100);
  private RedisClient client;
  private StatefulRedisConnection<String, String> raw;
  private RedisCommands<String, String> lettuce;
  private TieredCache<String, String> tiered;
  private String name;

  @Setup
  public void setUp() {
    String uri = System.getenv().getOrDefault("HOTPATH_REDIS_URI", "redis://127.0.0.1:6379");
    client = RedisClient.create(uri);
    raw = client.connect();
    lettuce = raw.sync();
    name = "bench-l2-" + System.nanoTime();
    AtomicLong now = new AtomicLong();
    tiered = TieredCache.<String, String>builder(
            TieredCacheConfig.builder(name).l1Ttl(Duration.ofSeconds(10)).earlyExpirationBeta(0).build(),
            KeyCodec.strings())
        .loader(k -> VALUE)
        .redis(client, ValueCodec.strings())
        .ticker(() -> now.addAndGet(TimeUnit.HOURS.toNanos(1)))
        .build();
    tiered.get("k"); // loads and fills Redis
    lettuce.set("raw:" + name, VALUE);
  }

  @TearDown
  public void tearDown() {
    lettuce.del(name + ":{k}", "raw:" + name);
    tiered.close();
    raw.close();
    client.shutdown();
  }

  @Benchmark
  public @Nullable String tieredL2Hit() {
    return tiered.get("k");
  }

  @Benchmark
  public String lettuceGet() {
    return lettuce.get("raw:" + name);
  }
}
