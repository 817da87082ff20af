package dev.hotpath.bench.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * What each thing a cache hit might do costs on top of a raw Caffeine hit (per-entry expiry, the
 * keys and Zipf sample of {@link L1HitBenchmark}); the profile behind L1's design. Variants:
 *
 * <ul>
 *   <li>{@code plain}: Caffeine stores the value; the anchor.
 *   <li>{@code box}: Caffeine stores a wrapper (value, deadline, load time, refresh state) that
 *       the hit reads, as TieredCache's L1 did before 2026-12-01.
 *   <li>{@code boxExpiryReads}: as {@code box}, and the expiry's read callback reads the wrapper too.
 *   <li>{@code plainAdder}: plain, plus a {@code LongAdder} increment (the hit counter).
 *   <li>{@code plainThreadLocal}: plain, plus a thread-local read.
 *   <li>{@code plainVolatile}: plain, plus a read of a shared volatile field.
 *   <li>{@code plainHorizon}: plain, and the expiry's read callback compares the time left with a field.
 * </ul>
 *
 * <pre>
 * java -jar hotpath-bench/target/benchmarks.jar L1HitCostBreakdown -t 1 -f 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class L1HitCostBreakdown {
  private static final int KEYS = 1 << 14;
  private static final int SAMPLES = 1 << 16;
  private static final long TTL = TimeUnit.MINUTES.toNanos(10);
  private static final List<String> VARIANTS =
      List.of("plain", "box", "boxExpiryReads", "plainAdder", "plainThreadLocal", "plainVolatile", "plainHorizon");
  private static final ThreadLocal<int[]> SLOT = ThreadLocal.withInitial(() -> new int[1]);

  /** See the class comment. */
  @Param({"plain", "box", "boxExpiryReads", "plainAdder", "plainThreadLocal", "plainVolatile", "plainHorizon"})
  public String variant = "plain";

  /** What {@code box} stores. */
  static final class Box {
    final String value;
    final long horizon;
    volatile int refresh;

    Box(String value, long deadline) {
      this.value = value;
      this.horizon = deadline - 1_000;
    }
  }

  private final Long[] keys = new Long[KEYS];
  private final int[] zipf = new int[SAMPLES];
  private final LongAdder adder = new LongAdder();
  @SuppressWarnings("NullAway.Init") // set in setUp, before any benchmark call
  private Cache<Long, Object> cache;
  private volatile int flag;
  private long horizon = 1_000;
  private int mode;

  /** L1HitBenchmark's jittered TTL; the read callback does what the variant adds there. */
  private final class WatchingTtl extends L1HitBenchmark.JitteredTtl<Object> {
    @Override
    public long expireAfterRead(Long k, Object v, long now, long duration) {
      if (mode == 2 && v instanceof Box b && now - b.horizon >= 0) {
        b.refresh = 1;
      } else if (mode == 6 && duration <= horizon) {
        flag = 1;
      }
      return duration;
    }
  }

  @Setup
  public void setUp() {
    mode = VARIANTS.indexOf(variant);
    if (mode < 0) {
      throw new IllegalArgumentException("unknown variant " + variant);
    }
    Cache<Long, Object> c = Caffeine.newBuilder().maximumSize(2 * KEYS).expireAfter(new WatchingTtl()).build();
    for (int i = 0; i < KEYS; i++) {
      keys[i] = (long) i;
      String v = "value-" + i;
      c.put(keys[i], mode == 1 || mode == 2 ? new Box(v, System.nanoTime() + TTL) : v);
    }
    cache = c;
    L1HitBenchmark.zipf(zipf, KEYS);
  }

  @Benchmark
  public @Nullable Object hit(L1HitBenchmark.Cursor c) { // same keys, sample and walk
    Object v = cache.getIfPresent(keys[zipf[c.next()]]);
    switch (mode) {
      case 1, 2 -> {
        Box b = (Box) v;
        return b == null || b.refresh != 0 ? null : b.value;
      }
      case 3 -> adder.increment();
      case 4 -> {
        if (SLOT.get()[0] != 0) {
          return null;
        }
      }
      case 5 -> {
        if (flag != 0) {
          return null;
        }
      }
      default -> {}
    }
    return v;
  }
}
