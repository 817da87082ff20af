package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.cache.internal.FillHooks;
import dev.hotpath.metrics.FakeTicker;
import dev.hotpath.metrics.Scope;
import dev.hotpath.resilience.Bulkhead;
import dev.hotpath.resilience.BulkheadConfig;
import dev.hotpath.resilience.BulkheadFullException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** L1 + loader behaviour, without Redis: deterministic (FakeTicker, direct executor). */
class TieredCacheTest {
  private final FakeTicker ticker = new FakeTicker();

  private TieredCacheConfig.Builder config() {
    return TieredCacheConfig.builder("unit").l1Ttl(Duration.ofSeconds(10)).ttlJitter(0)
        .negativeTtl(Duration.ofSeconds(2)).earlyExpirationBeta(0);
  }

  private TieredCache<String, String> cache(TieredCacheConfig config, CacheLoader<String, String> loader) {
    return TieredCache.<String, String>builder(config, KeyCodec.strings())
        .loader(loader).ticker(ticker).executor(Runnable::run).build();
  }

  @ParameterizedTest(name = "virtual threads: {0}")
  @ValueSource(booleans = {false, true})
  void concurrentMissesOfOneKeyLoadOnce(boolean virtual) throws Exception {
    int threads = 64;
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    TieredCache<String, String> cache = cache(config().build(), k -> {
      loads.incrementAndGet();
      release.await(10, TimeUnit.SECONDS);
      return "v-" + k;
    });
    CyclicBarrier start = new CyclicBarrier(threads);
    try (ExecutorService pool = virtual ? Executors.newVirtualThreadPerTaskExecutor()
        : Executors.newFixedThreadPool(threads)) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return cache.get("hot");
        }));
      }
      Thread.sleep(50); // let most callers pile up on the in-flight load (correct either way)
      release.countDown();
      for (Future<String> r : results) {
        assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo("v-hot");
      }
    }
    assertThat(loads).hasValue(1);
    assertThat(cache.stats().loads()).isEqualTo(1);
  }

  @Test
  void invalidationDuringLoadIsNotUndoneByTheLateResult() throws Exception {
    Map<String, String> db = new ConcurrentHashMap<>(Map.of("k", "old"));
    CountDownLatch loaded = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger loads = new AtomicInteger();
    TieredCache<String, String> cache = cache(config().build(), k -> {
      loads.incrementAndGet();
      return db.get(k);
    });
    cache.hooks(new FillHooks() {
      @Override
      public void afterLoad(String key) {
        if (loads.get() == 1) {
          loaded.countDown();
          await(release);
        }
      }
    });
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<String> reader = pool.submit(() -> cache.get("k"));
      assertThat(loaded.await(10, TimeUnit.SECONDS)).isTrue();
      db.put("k", "new");
      cache.invalidate("k"); // while the load that read "old" is still in flight
      release.countDown();
      assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("old"); // it began before the write
    }
    assertThat(cache.l1Contains("k")).isFalse();
    assertThat(cache.get("k")).isEqualTo("new");
    assertThat(loads).hasValue(2);
  }

  @Test
  void absentKeysAreRememberedForTheNegativeTtlOnly() {
    AtomicInteger loads = new AtomicInteger();
    TieredCache<String, String> cache = cache(config().build(), k -> {
      loads.incrementAndGet();
      return null;
    });
    assertThat(cache.get("missing")).isNull();
    assertThat(cache.get("missing")).isNull();
    assertThat(loads).hasValue(1);
    ticker.advance(Duration.ofMillis(1_999));
    assertThat(cache.get("missing")).isNull();
    assertThat(loads).hasValue(1);
    ticker.advance(Duration.ofMillis(2));
    assertThat(cache.get("missing")).isNull();
    assertThat(loads).hasValue(2);
  }

  @Test
  void zeroNegativeTtlDisablesNegativeCaching() {
    AtomicInteger loads = new AtomicInteger();
    TieredCache<String, String> cache = cache(config().negativeTtl(Duration.ZERO).build(), k -> {
      loads.incrementAndGet();
      return null;
    });
    cache.get("missing");
    cache.get("missing");
    assertThat(loads).hasValue(2);
    assertThat(cache.stats().l1Size()).as("nothing kept for an absent key, even under a fixed L1 expiry").isZero();
  }

  @Test
  void valuesExpireAfterL1Ttl() {
    AtomicInteger loads = new AtomicInteger();
    TieredCache<String, String> cache = cache(config().build(), k -> "v" + loads.incrementAndGet());
    assertThat(cache.get("k")).isEqualTo("v1");
    ticker.advance(Duration.ofMillis(9_999));
    assertThat(cache.get("k")).isEqualTo("v1");
    ticker.advance(Duration.ofMillis(1));
    assertThat(cache.get("k")).isEqualTo("v2");
  }

  @Test
  void ttlJitterSpreadsExpiryAndNeverLengthensIt() {
    TieredCache<String, String> cache =
        cache(config().ttlJitter(0.2).build(), k -> "v");
    long ttl = Duration.ofSeconds(10).toNanos();
    int[] buckets = new int[10];
    for (int i = 0; i < 10_000; i++) {
      long t = cache.jittered(ttl);
      assertThat(t).isBetween(ttl * 8 / 10, ttl);
      buckets[(int) ((ttl - t) * 10 / (ttl * 2 / 10 + 1))]++;
    }
    for (int b : buckets) {
      assertThat(b).as("each tenth of the jitter range gets about 1000 of 10000").isBetween(800, 1200);
    }
    // Entries filled together expire apart: at 90% of the TTL about half of them are gone.
    for (int i = 0; i < 1_000; i++) {
      cache.get("k" + i);
    }
    ticker.advance(Duration.ofMillis(7_999));
    assertThat(countPresent(cache, 1_000)).isEqualTo(1_000);
    ticker.advance(Duration.ofMillis(1_001));
    assertThat(countPresent(cache, 1_000)).isBetween(350, 650);
    ticker.advance(Duration.ofMillis(1_000));
    assertThat(countPresent(cache, 1_000)).isZero();
  }

  @Test
  void withoutL1JitterEveryL1ValueLivesExactlyTheL1TtlWhileRedisTtlsKeepTheirJitter() {
    TieredCacheConfig config = config().ttlJitter(0.2).l1Jitter(false).build();
    TieredCache<String, String> cache = cache(config, k -> "v");
    for (int i = 0; i < 1_000; i++) {
      cache.get("k" + i);
    }
    ticker.advance(Duration.ofMillis(9_999));
    assertThat(countPresent(cache, 1_000)).isEqualTo(1_000); // with jitter about 450 would be gone
    ticker.advance(Duration.ofMillis(1));
    assertThat(countPresent(cache, 1_000)).isZero();
    long l2Ttl = config.l2Ttl().toNanos();
    long shortened = 0;
    for (int i = 0; i < 1_000; i++) {
      shortened += cache.jittered(l2Ttl) < l2Ttl ? 1 : 0;
    }
    assertThat(shortened).as("Redis TTLs are still jittered").isGreaterThan(990);
  }

  @ParameterizedTest(name = "L1 jitter: {0}")
  @ValueSource(booleans = {false, true})
  void aNegativeEntryLivesTheNegativeTtlPlusTheStalenessAllowanceInEitherL1Expiry(boolean l1Jitter) {
    AtomicInteger loads = new AtomicInteger();
    TieredCache<String, String> cache = cache(
        config().ttlJitter(0.2).l1Jitter(l1Jitter).maxStaleness(Duration.ofSeconds(5)).build(), k -> {
          loads.incrementAndGet();
          return null;
        });
    assertThat(cache.get("missing")).isNull();
    ticker.advance(Duration.ofMillis(1_999));
    assertThat(cache.lookup("missing")).isEqualTo(new CacheLookup<String>(null, Tier.L1, false));
    assertThat(loads).hasValue(1);
    ticker.advance(Duration.ofMillis(4_999)); // 6.998 s: past the 2 s TTL, within the 5 s allowance
    assertThat(cache.l1Contains("missing")).isTrue();
    ticker.advance(Duration.ofMillis(2)); // 7 s: gone (its own TTL, not l1Ttl)
    assertThat(cache.l1Contains("missing")).isFalse();
    assertThat(cache.get("missing")).isNull();
    assertThat(loads).hasValue(2);
  }

  @ParameterizedTest(name = "L1 jitter: {0}")
  @ValueSource(booleans = {false, true})
  void aNegativeEntryPastItsTtlIsReloadedByTheCallerWhenNobodyElseLoads(boolean l1Jitter) {
    AtomicInteger loads = new AtomicInteger();
    TieredCache<String, String> cache = cache(
        config().ttlJitter(0.2).l1Jitter(l1Jitter).maxStaleness(Duration.ofSeconds(5)).build(),
        k -> loads.incrementAndGet() == 1 ? null : "now-" + k);
    assertThat(cache.get("k")).isNull();
    ticker.advance(Duration.ofMillis(2_500));
    assertThat(cache.lookup("k")).isEqualTo(new CacheLookup<>("now-k", Tier.L3, false));
    assertThat(cache.get("k")).isEqualTo("now-k");
    assertThat(loads).hasValue(2);
  }

  private static int countPresent(TieredCache<String, String> cache, int n) {
    int present = 0;
    for (int i = 0; i < n; i++) {
      if (cache.l1Contains("k" + i)) {
        present++;
      }
    }
    return present;
  }

  /**
   * XFetch with and without L1 TTL jitter: ttlJitter 0 gives every value exactly l1Ttl; 1e-12
   * jitters and shortens a 10 s TTL by less than 1 ns, so deadlines stay exact.
   */
  private TieredCacheConfig.Builder xfetchConfig(boolean jittered) {
    TieredCacheConfig.Builder b = config().earlyExpirationBeta(1).ttlJitter(jittered ? 1e-12 : 0);
    assertThat(b.build().l1FixedTtl()).isEqualTo(!jittered);
    return b;
  }

  @ParameterizedTest(name = "L1 jitter: {0}")
  @ValueSource(booleans = {false, true})
  void xfetchRefreshesAHotEntryJustBeforeItExpiresAndNotEarlier(boolean jittered) {
    AtomicInteger loads = new AtomicInteger();
    TieredCache<String, String> cache = cache(xfetchConfig(jittered).build(), k -> {
      if (loads.get() == 0) {
        ticker.advance(Duration.ofMillis(10)); // the first load costs 10 ms; the refresh 0
      }
      return "v" + loads.incrementAndGet();
    });
    assertThat(cache.get("k")).isEqualTo("v1");
    ticker.advance(Duration.ofSeconds(5)); // far from expiry: P(refresh) = e^-500
    for (int i = 0; i < 200; i++) {
      assertThat(cache.get("k")).isEqualTo("v1");
    }
    assertThat(loads).hasValue(1);
    // 1 us before the deadline (10 ms + 10 s): P(refresh) = P(-ln(u) * 10 ms >= 1 us) ~ 0.9999 per hit
    ticker.advance(Duration.ofSeconds(5).minusNanos(1_000));
    for (int i = 0; i < 200 && loads.get() == 1; i++) {
      assertThat(cache.get("k")).isEqualTo("v1"); // readers keep the current value meanwhile
    }
    assertThat(loads).hasValue(2);
    assertThat(cache.stats().earlyRefreshes()).isEqualTo(1);
    assertThat(cache.get("k")).isEqualTo("v2");
    ticker.advance(Duration.ofSeconds(9)); // the refreshed entry has a new deadline
    assertThat(cache.get("k")).isEqualTo("v2");
  }

  @Test
  void xfetchIsTestedOnEveryHitAndRefreshesOnce() {
    AtomicInteger loads = new AtomicInteger();
    List<Runnable> refreshes = new ArrayList<>();
    TieredCache<String, String> cache = TieredCache.<String, String>builder(
            xfetchConfig(true).build(), KeyCodec.strings())
        .loader(k -> {
          if (loads.getAndIncrement() == 0) {
            ticker.advance(Duration.ofMillis(10)); // the first load costs 10 ms
          }
          return "v" + loads.get();
        })
        .ticker(ticker)
        .executor(r -> { // refreshes held back; Caffeine's maintenance run at once, so only refreshes count
          if (r.getClass().getName().startsWith("com.github.benmanes.caffeine")) {
            r.run();
          } else {
            refreshes.add(r);
          }
        })
        .build();
    assertThat(cache.get("k")).isEqualTo("v1");
    assertThat(refreshes).isEmpty();
    // 1 ns before the deadline: P(refresh) = P(-ln(u) * 10 ms >= 1 ns) ~ 1 - 1e-7. Not sampled:
    // the very first hit schedules it, and the hits after it find the refresh in flight.
    ticker.advance(Duration.ofSeconds(10).minusNanos(1));
    for (int i = 0; i < 50; i++) {
      assertThat(cache.get("k")).isEqualTo("v1");
      assertThat(refreshes).as("after hit %d", i + 1).hasSize(1);
    }
    refreshes.forEach(Runnable::run);
    assertThat(loads).hasValue(2);
    assertThat(cache.stats().earlyRefreshes()).isEqualTo(1);
    assertThat(cache.get("k")).isEqualTo("v2");
  }

  @ParameterizedTest(name = "L1 jitter: {0}")
  @ValueSource(booleans = {false, true})
  void anEarlyRefreshDoesNotOverwriteAnInvalidation(boolean jittered) {
    AtomicInteger loads = new AtomicInteger();
    List<Runnable> refreshes = new ArrayList<>();
    Map<String, String> db = new ConcurrentHashMap<>(Map.of("k", "old"));
    TieredCache<String, String> cache = TieredCache.<String, String>builder(
            xfetchConfig(jittered).build(), KeyCodec.strings())
        .loader(k -> {
          loads.incrementAndGet();
          ticker.advance(Duration.ofMillis(10));
          return db.get(k);
        })
        .ticker(ticker)
        .executor(refreshes::add) // held back (Caffeine's maintenance lands here too; harmless)
        .build();
    assertThat(cache.get("k")).isEqualTo("old");
    ticker.advance(Duration.ofSeconds(10).minusNanos(1_000)); // 1 us before the deadline
    for (int i = 0; i < 200; i++) {
      assertThat(cache.get("k")).isEqualTo("old"); // one of these schedules a refresh (held back)
    }
    db.put("k", "new");
    cache.invalidate("k");
    db.put("k", "newer");
    assertThat(cache.get("k")).isEqualTo("newer");
    db.put("k", "stale-refresh-must-not-win");
    List<Runnable> pending = new ArrayList<>(refreshes);
    refreshes.clear();
    pending.forEach(Runnable::run); // the refresh started from the invalidated entry
    assertThat(loads).as("initial, after the invalidation, the refresh").hasValue(3);
    assertThat(cache.get("k")).isEqualTo("newer");
    assertThat(cache.stats().earlyRefreshes()).isZero();
  }

  /** A cache whose background work (early refreshes) is held in {@code held}; Caffeine's maintenance runs at once. */
  private TieredCache<String, String> heldRefreshCache(CacheLoader<String, String> loader, List<Runnable> held) {
    return TieredCache.<String, String>builder(xfetchConfig(false).build(), KeyCodec.strings())
        .loader(loader)
        .ticker(ticker)
        .executor(r -> {
          if (r.getClass().getName().startsWith("com.github.benmanes.caffeine")) {
            r.run();
          } else {
            held.add(r);
          }
        })
        .build();
  }

  @ParameterizedTest(name = "virtual threads: {0}")
  @ValueSource(booleans = {false, true})
  void aCallerThatMissesWhileAnEarlyRefreshRunsWaitsForItInsteadOfLoadingAgain(boolean virtual) throws Exception {
    AtomicInteger loads = new AtomicInteger();
    List<Runnable> held = new ArrayList<>();
    TieredCache<String, String> cache = heldRefreshCache(k -> {
      ticker.advance(Duration.ofMillis(10));
      return "v" + loads.incrementAndGet();
    }, held);
    assertThat(cache.get("k")).isEqualTo("v1");
    ticker.advance(Duration.ofSeconds(10).minusNanos(1)); // 1 ns before the deadline: the next hit is due
    assertThat(cache.get("k")).isEqualTo("v1");
    assertThat(held).hasSize(1);
    ticker.advance(Duration.ofNanos(2)); // expired while the refresh waits
    try (ExecutorService pool = virtual ? Executors.newVirtualThreadPerTaskExecutor() : Executors.newFixedThreadPool(1)) {
      Future<String> missed = pool.submit(() -> cache.get("k"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (cache.stats().l1Misses() < 2 && System.nanoTime() - deadline < 0) {
        Thread.onSpinWait();
      }
      assertThat(cache.stats().l1Misses()).as("the first load and this miss").isEqualTo(2);
      assertThat(missed.isDone()).as("it waits for the refresh in flight").isFalse();
      held.get(0).run();
      assertThat(missed.get(10, TimeUnit.SECONDS)).isEqualTo("v2");
    }
    assertThat(loads).as("the first load and the refresh; the miss loaded nothing").hasValue(2);
    assertThat(cache.stats().earlyRefreshes()).isEqualTo(1);
  }

  @Test
  void aFailedEarlyRefreshKeepsTheValueAndALaterHitTriesAgain() {
    AtomicInteger loads = new AtomicInteger();
    List<Runnable> held = new ArrayList<>();
    TieredCache<String, String> cache = heldRefreshCache(k -> {
      if (loads.get() == 0) {
        ticker.advance(Duration.ofMillis(10)); // the first load costs 10 ms, the others 0
      }
      if (loads.incrementAndGet() == 2) {
        throw new IllegalStateException("db hiccup");
      }
      return "v" + loads.get();
    }, held);
    assertThat(cache.get("k")).isEqualTo("v1");
    ticker.advance(Duration.ofSeconds(10).minusNanos(1));
    assertThat(cache.get("k")).isEqualTo("v1");
    assertThat(held).hasSize(1);
    held.remove(0).run(); // fails
    assertThat(cache.get("k")).as("the current value is kept").isEqualTo("v1");
    assertThat(held).as("the next due hit starts another refresh").hasSize(1);
    held.remove(0).run();
    assertThat(cache.get("k")).isEqualTo("v3");
    assertThat(cache.stats().earlyRefreshes()).isEqualTo(1);
    assertThat(cache.stats().loadFailures()).isEqualTo(1);
  }

  /**
   * L1's expiry tells a read that its entry is stale through the reading thread; many threads
   * reading a stale entry of one cache and a fresh entry of another must each get their own
   * read's answer (a stale read seen as fresh would serve it, a fresh one seen as stale would miss).
   */
  @ParameterizedTest(name = "virtual threads: {0}")
  @ValueSource(booleans = {false, true})
  void eachReadGetsItsOwnStalenessVerdictUnderConcurrency(boolean virtual) throws Exception {
    TieredCache<String, String> stale = cache(config().maxStaleness(Duration.ofSeconds(9)).build(), k -> "s");
    TieredCache<String, String> fresh = cache(config().l1Ttl(Duration.ofHours(1)).build(), k -> "f");
    assertThat(stale.get("k")).isEqualTo("s");
    assertThat(fresh.get("k")).isEqualTo("f");
    ticker.advance(Duration.ofSeconds(11)); // stale's entry: 1 s past its TTL, inside the allowance
    int threads = 16;
    int reads = 20_000;
    CyclicBarrier start = new CyclicBarrier(threads);
    try (ExecutorService pool = virtual ? Executors.newVirtualThreadPerTaskExecutor() : Executors.newFixedThreadPool(threads)) {
      List<Future<int[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          int[] wrong = new int[2];
          for (int i = 0; i < reads; i++) {
            if (stale.getIfPresent("k") != null) {
              wrong[0]++; // a stale entry is not a hit for getIfPresent (no L2 here: null)
            }
            if (!"f".equals(fresh.getIfPresent("k"))) {
              wrong[1]++;
            }
          }
          return wrong;
        }));
      }
      for (Future<int[]> r : results) {
        assertThat(r.get(60, TimeUnit.SECONDS)).containsExactly(0, 0);
      }
    }
    assertThat(fresh.stats().l1Hits()).isEqualTo(1L * threads * reads);
    assertThat(stale.stats().l1Hits()).isZero();
    assertThat(stale.l1Contains("k")).as("the stale entry stays until its allowance is over").isTrue();
  }

  @Test
  void getAllLoadsMissesInOneBatch() {
    List<Set<? extends String>> batches = new ArrayList<>();
    CacheLoader<String, String> loader = new CacheLoader<>() {
      @Override
      public String load(String key) {
        throw new AssertionError("single load");
      }

      @Override
      public Map<String, String> loadAll(Set<? extends String> keys) {
        batches.add(Set.copyOf(keys));
        Map<String, String> out = new HashMap<>();
        keys.forEach(k -> {
          if (!k.startsWith("none")) {
            out.put(k, "v-" + k);
          }
        });
        return out;
      }
    };
    TieredCache<String, String> cache = cache(config().build(), loader);
    assertThat(cache.getAll(List.of("a", "b"))).containsExactly(Map.entry("a", "v-a"), Map.entry("b", "v-b"));
    assertThat(cache.getAll(List.of("a", "b", "c", "none1")))
        .containsOnly(Map.entry("a", "v-a"), Map.entry("b", "v-b"), Map.entry("c", "v-c"));
    assertThat(batches).containsExactly(Set.of("a", "b"), Set.of("c", "none1"));
    assertThat(cache.getAll(List.of("none1", "c"))).containsOnly(Map.entry("c", "v-c"));
    assertThat(batches).hasSize(2); // the absence of none1 is cached too
  }

  @Test
  void aFailedLoadIsReportedAndNotCached() {
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = cache(config().build(), k -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("db down");
      }
      return "ok";
    });
    assertThatThrownBy(() -> cache.get("k"))
        .isInstanceOf(CacheLoadException.class)
        .hasRootCauseInstanceOf(IllegalStateException.class);
    assertThat(cache.get("k")).isEqualTo("ok");
    assertThat(cache.stats().loadFailures()).isEqualTo(1);
  }

  @Test
  void theLoaderIsBulkheaded() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TieredCache<String, String> cache = TieredCache.<String, String>builder(config().build(), KeyCodec.strings())
        .loader(k -> {
          inside.countDown();
          release.await(10, TimeUnit.SECONDS);
          return "v";
        })
        .ticker(ticker)
        .executor(Runnable::run)
        .loaderBulkhead(Bulkhead.of("loader", BulkheadConfig.builder().maxConcurrentCalls(1).maxWait(Duration.ZERO).build()))
        .build();
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<String> first = pool.submit(() -> cache.get("a"));
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> cache.get("b"))
          .isInstanceOf(CacheLoadException.class)
          .hasCauseInstanceOf(BulkheadFullException.class);
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("v");
    }
    assertThat(cache.get("b")).isEqualTo("v"); // the refusal was not cached
  }

  @Test
  void hitsMissesAndLoadTimeGoToTheScope() {
    TieredCache<String, String> cache = cache(config().build(), k -> {
      ticker.advance(Duration.ofMillis(3));
      return "v";
    });
    try (Scope scope = Scope.open("GET /x", ticker)) {
      cache.get("a");
      cache.get("a");
      cache.get("a");
      assertThat(scope.measurement("cache.miss").count()).isEqualTo(1);
      assertThat(scope.measurement("cache.hit").count()).isEqualTo(2);
      assertThat(scope.measurement("cache.load").totalNanos()).isEqualTo(3_000_000);
    }
    CacheStats s = cache.stats();
    assertThat(s.l1Hits()).isEqualTo(2);
    assertThat(s.l1Misses()).isEqualTo(1);
    assertThat(s.loads()).isEqualTo(1);
  }

  @Test
  void sizeBoundEvicts() {
    TieredCache<String, String> cache = cache(config().l1MaximumSize(10).build(), k -> "v");
    for (int i = 0; i < 100; i++) {
      cache.get("k" + i);
    }
    assertThat(cache.stats().l1Size()).isLessThanOrEqualTo(10);
    assertThat(cache.stats().evictions()).isGreaterThanOrEqualTo(90);
  }

  @Test
  void getWithoutALoaderFailsClearly() {
    TieredCache<String, String> cache =
        TieredCache.<String, String>builder(config().build(), KeyCodec.strings()).build();
    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(IllegalStateException.class).hasMessageContaining("loader");
    assertThat(cache.get("k", k -> "given")).isEqualTo("given");
  }

  @Test
  void getAllWithANullKeyLeavesNoUnfinishedLoadBehind() throws Exception {
    TieredCache<String, String> cache = cache(config().build(), k -> "v-" + k);
    assertThatThrownBy(() -> cache.getAll(Arrays.asList("a1", null))).isInstanceOf(NullPointerException.class);
    assertThat(getWithin(cache, "a1")).isEqualTo("v-a1");
  }

  @Test
  void getAllWithAKeyTheCodecRefusesLeavesNoUnfinishedLoadBehind() throws Exception {
    KeyCodec<String> picky = KeyCodec.of(k -> {
      if (k.startsWith("bad")) {
        throw new IllegalArgumentException("unencodable key " + k);
      }
      return k;
    }, k -> k);
    TieredCache<String, String> cache = TieredCache.<String, String>builder(config().build(), picky)
        .loader(k -> "v-" + k).ticker(ticker).executor(Runnable::run).build();
    assertThatThrownBy(() -> cache.getAll(List.of("a1", "bad1", "a2")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(getWithin(cache, "a1")).isEqualTo("v-a1");
    assertThat(getWithin(cache, "a2")).isEqualTo("v-a2");
  }

  /** get(key) on another thread, failing the test instead of hanging it when the call blocks. */
  private static String getWithin(TieredCache<String, String> cache, String key) throws Exception {
    java.util.concurrent.CompletableFuture<String> result = new java.util.concurrent.CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        result.complete(cache.get(key));
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "get-" + key);
    t.setDaemon(true); // a blocked get must not keep the test JVM alive
    t.start();
    try {
      return result.get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("get(" + key + ") blocked: an unfinished load was left behind", e);
    }
  }

  @Test
  void aFailedLoadLogsNoWarning() {
    List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.addHandler(capture);
    try {
      TieredCache<String, String> cache = cache(config().build(), k -> {
        throw new IllegalStateException("db down");
      });
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheLoadException.class);
      }
    } finally {
      root.removeHandler(capture);
    }
    assertThat(records).filteredOn(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
        .as("a failed load is the caller's exception, not a log line").isEmpty();
  }

  @Test
  void putServesTheValueWithoutALoadAndDetachesALoadInFlight() throws Exception {
    Map<String, String> db = new ConcurrentHashMap<>(Map.of("k", "old"));
    CountDownLatch loaded = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger loads = new AtomicInteger();
    TieredCache<String, String> cache = cache(config().build(), k -> {
      loads.incrementAndGet();
      return db.get(k);
    });
    cache.hooks(new FillHooks() {
      @Override
      public void afterLoad(String key) {
        if (loads.get() == 1) {
          loaded.countDown();
          await(release);
        }
      }
    });
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<String> reader = pool.submit(() -> cache.get("k"));
      assertThat(loaded.await(10, TimeUnit.SECONDS)).isTrue(); // the load read "old"
      db.put("k", "new");
      cache.put("k", "new");
      release.countDown();
      assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("old");
    }
    assertThat(cache.lookup("k")).isEqualTo(new CacheLookup<>("new", Tier.L1, false)); // not the late "old"
    assertThat(loads).hasValue(1);
    assertThat(cache.stats().puts()).isEqualTo(1);
    assertThatThrownBy(() -> cache.put("k", null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("invalidate");
  }

  @Test
  void getIfPresentNeverLoads() {
    AtomicInteger loads = new AtomicInteger();
    TieredCache<String, String> cache = cache(config().build(), k -> "v" + loads.incrementAndGet());
    assertThat(cache.getIfPresent("k")).isNull();
    cache.put("k", "given");
    assertThat(cache.getIfPresent("k")).isEqualTo("given");
    assertThat(loads).hasValue(0);
  }

  @Test
  void lookupNamesTheTierThatAnswered() {
    TieredCache<String, String> cache = cache(config().build(), k -> "v-" + k);
    assertThat(cache.lookup("a")).isEqualTo(new CacheLookup<>("v-a", Tier.L3, false));
    assertThat(cache.lookup("a")).isEqualTo(new CacheLookup<>("v-a", Tier.L1, false));
    assertThat(cache.l2Status()).isEqualTo(L2Status.NOT_CONFIGURED);
    assertThat(cache.stats().l2Status().degraded()).isFalse();
  }

  @ParameterizedTest(name = "virtual threads: {0}")
  @ValueSource(booleans = {false, true})
  void aStaleValueIsServedWhileAnotherCallerReloadsItButNotBeyondMaxStaleness(boolean virtual) throws Exception {
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch reloading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TieredCache<String, String> cache = cache(config().maxStaleness(Duration.ofSeconds(5)).build(), k -> {
      int n = loads.incrementAndGet();
      if (n == 2) {
        reloading.countDown();
        release.await(10, TimeUnit.SECONDS);
      }
      return "v" + n;
    });
    assertThat(cache.get("k")).isEqualTo("v1");
    ticker.advance(Duration.ofSeconds(11)); // 1 s past the TTL, within the 5 s allowance
    try (ExecutorService pool = virtual ? Executors.newVirtualThreadPerTaskExecutor() : Executors.newFixedThreadPool(2)) {
      Future<String> reloader = pool.submit(() -> cache.get("k"));
      assertThat(reloading.await(10, TimeUnit.SECONDS)).isTrue();
      // Another caller reloads: this one gets the previous value at once instead of waiting.
      assertThat(cache.lookup("k")).isEqualTo(new CacheLookup<>("v1", Tier.L1, true));
      release.countDown();
      assertThat(reloader.get(10, TimeUnit.SECONDS)).isEqualTo("v2");
    }
    assertThat(cache.get("k")).isEqualTo("v2");
    assertThat(cache.stats().staleServed()).isEqualTo(1);
    ticker.advance(Duration.ofSeconds(15)); // v2 is 5 s past its TTL: gone, not served stale
    assertThat(cache.l1Contains("k")).isFalse();
    assertThat(cache.get("k")).isEqualTo("v3");
  }

  @Test
  void aStaleValueIsNeverServedAfterAnInvalidation() {
    AtomicInteger loads = new AtomicInteger();
    TieredCache<String, String> cache =
        cache(config().maxStaleness(Duration.ofSeconds(5)).build(), k -> "v" + loads.incrementAndGet());
    assertThat(cache.get("k")).isEqualTo("v1");
    ticker.advance(Duration.ofSeconds(11));
    cache.invalidate("k");
    assertThat(cache.lookup("k")).isEqualTo(new CacheLookup<>("v2", Tier.L3, false));
  }

  @Test
  void theMicrometerBinderPublishesMicrometersCacheMeterNames() {
    TieredCache<String, String> cache = cache(config().build(), k -> {
      ticker.advance(Duration.ofMillis(4));
      if (k.equals("bad")) {
        throw new IllegalStateException("db down");
      }
      return "v";
    });
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    new TieredCacheMetrics(cache).bindTo(registry);
    cache.get("a");
    cache.get("a");
    cache.put("b", "w");
    cache.invalidate("a");
    assertThatThrownBy(() -> cache.get("bad")).isInstanceOf(CacheLoadException.class);
    assertThat(registry.get("cache.gets").tags("cache", "unit", "tier", "l1", "result", "hit").functionCounter().count())
        .isEqualTo(1);
    assertThat(registry.get("cache.gets").tags("tier", "l1", "result", "miss").functionCounter().count()).isEqualTo(2);
    assertThat(registry.get("cache.puts").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("cache.load").tags("result", "success").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("cache.load").tags("result", "failure").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("cache.load.duration").timeGauge().value(TimeUnit.MILLISECONDS)).isEqualTo(4);
    assertThat(registry.get("cache.invalidations").tags("direction", "sent").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("cache.size").gauge().value()).isEqualTo(1);
    assertThat(registry.get("cache.l2.degraded").gauge().value()).isZero();
    assertThat(registry.get("cache.evictions").functionCounter()).isNotNull();
    assertThat(registry.get("cache.l2.errors").tags("reason", "rejected").functionCounter().count()).isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("latch timed out");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
