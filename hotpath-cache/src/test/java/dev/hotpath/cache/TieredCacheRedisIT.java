package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.cache.internal.FillHooks;
import dev.hotpath.testing.Services;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two cache instances ("nodes") with separate L1s on the shared Redis. */
class TieredCacheRedisIT {
  private RedisClient client;
  private StatefulRedisConnection<String, String> raw;
  private RedisCommands<String, String> redis;
  private final List<TieredCache<?, ?>> caches = new ArrayList<>();
  private String name;

  @BeforeEach
  void connect() {
    client = RedisFixture.client(Services.redisUri());
    raw = client.connect();
    redis = raw.sync();
    name = RedisFixture.uniqueName("it");
  }

  @AfterEach
  void close() {
    caches.forEach(TieredCache::close);
    List<String> keys = redis.keys(name + ":*");
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(String[]::new));
    }
    raw.close();
    RedisFixture.shutdown(client);
  }

  private TieredCacheConfig.Builder config() {
    return TieredCacheConfig.builder(name).l1Ttl(Duration.ofSeconds(60)).ttlJitter(0).earlyExpirationBeta(0);
  }

  private TieredCache<String, String> node(TieredCacheConfig config, CacheLoader<String, String> loader) {
    TieredCache<String, String> cache = TieredCache.<String, String>builder(config, KeyCodec.strings())
        .loader(loader)
        .redis(client, ValueCodec.strings())
        .build();
    caches.add(cache);
    return cache;
  }

  @Test
  void aValueLoadedByOneNodeIsServedToAnotherFromRedis() {
    AtomicInteger loads = new AtomicInteger();
    CacheLoader<String, String> loader = k -> {
      loads.incrementAndGet();
      return "v-" + k;
    };
    TieredCache<String, String> a = node(config().build(), loader);
    TieredCache<String, String> b = node(config().build(), loader);
    assertThat(a.get("k")).isEqualTo("v-k");
    assertThat(b.get("k")).isEqualTo("v-k");
    assertThat(loads).hasValue(1);
    assertThat(b.stats().l2Hits()).isEqualTo(1);
    assertThat(redis.pttl(name + ":{k}")).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10).toMillis());
    assertThat(redis.exists(name + ":{k}:lease")).isZero(); // the fill released its lease
  }

  @Test
  void jsonValuesRoundTripThroughRedis() {
    TieredCache<Long, Item> a = TieredCache.<Long, Item>builder(config().build(), KeyCodec.longs())
        .loader(id -> new Item(id, "item " + id, List.of("x", "y")))
        .redis(client, ValueCodec.json(Item.class))
        .build();
    caches.add(a);
    TieredCache<Long, Item> b = TieredCache.<Long, Item>builder(config().build(), KeyCodec.longs())
        .loader(id -> {
          throw new AssertionError("must come from Redis");
        })
        .redis(client, ValueCodec.json(Item.class))
        .build();
    caches.add(b);
    Item loaded = a.get(7L);
    assertThat(b.get(7L)).isEqualTo(loaded).isEqualTo(new Item(7, "item 7", List.of("x", "y")));
    assertThat(redis.get(name + ":{7}")).contains("\"name\":\"item 7\"");
  }

  /** A JSON value. */
  public record Item(long id, String name, List<String> tags) {}

  @Test
  void getAllUsesOneMgetAndOneBatchedLoad() {
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
        keys.forEach(k -> out.put(k, "v-" + k));
        return out;
      }
    };
    TieredCache<String, String> a = node(config().build(), loader);
    TieredCache<String, String> b = node(config().build(), loader);
    assertThat(a.getAll(List.of("1", "2"))).hasSize(2);
    assertThat(b.getAll(List.of("1", "2", "3"))).containsOnly(
        Map.entry("1", "v-1"), Map.entry("2", "v-2"), Map.entry("3", "v-3"));
    assertThat(batches).containsExactly(Set.of("1", "2"), Set.of("3"));
    assertThat(b.stats().l2Hits()).isEqualTo(2);
    assertThat(redis.get(name + ":{3}")).isNotNull();
  }

  @Test
  void negativeEntriesAreSharedThroughRedisForTheNegativeTtl() {
    AtomicInteger loads = new AtomicInteger();
    CacheLoader<String, String> loader = k -> {
      loads.incrementAndGet();
      return null;
    };
    TieredCache<String, String> a = node(config().negativeTtl(Duration.ofSeconds(3)).build(), loader);
    TieredCache<String, String> b = node(config().negativeTtl(Duration.ofSeconds(3)).build(), loader);
    assertThat(a.get("ghost")).isNull();
    assertThat(b.get("ghost")).isNull();
    assertThat(loads).hasValue(1);
    assertThat(redis.pttl(name + ":{ghost}")).isBetween(1L, 3_000L);
  }

  @Test
  void afterAnUpdateThroughOneNodeTheOtherServesTheNewValueAndNeverTheOldAgain() throws Exception {
    AtomicLong db = new AtomicLong();
    CacheLoader<String, String> loader = k -> Long.toString(db.get());
    TieredCache<String, String> a = node(config().build(), loader);
    TieredCache<String, String> b = node(config().build(), loader);
    CacheAside<String, String> writer = new CacheAside<>(a);
    AtomicBoolean stop = new AtomicBoolean();
    List<String> regressions = new ArrayList<>();
    AtomicLong reads = new AtomicLong();
    int updates = 30;
    long[] propagationNanos = new long[updates];
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      // A reader on node B checks that what it sees never goes back to an older version.
      Future<?> reader = pool.submit(() -> {
        long last = -1;
        while (!stop.get()) {
          long seen = Long.parseLong(b.get("k"));
          reads.incrementAndGet();
          if (seen < last) {
            regressions.add(last + " -> " + seen);
          }
          last = seen;
          LockSupport.parkNanos(20_000); // leave CPU to the event loops on a small box
        }
      });
      assertThat(b.get("k")).isEqualTo("0");
      for (int i = 1; i <= updates; i++) {
        long version = i;
        writer.update("k", () -> {
          db.set(version);
          return null;
        });
        long returned = System.nanoTime();
        // The update has returned: B must catch up, and a read on B now never shows < version.
        while (!b.get("k").equals(Long.toString(version))) {
          LockSupport.parkNanos(10_000);
          assertThat(System.nanoTime() - returned).as("propagation").isLessThan(TimeUnit.SECONDS.toNanos(5));
        }
        propagationNanos[i - 1] = System.nanoTime() - returned;
      }
      stop.set(true);
      reader.get(10, TimeUnit.SECONDS);
    }
    java.util.Arrays.sort(propagationNanos);
    System.out.printf("propagation over %d updates: p50 %.0f us, p99 %.0f us, max %.0f us (%d reads on B)%n",
        updates, propagationNanos[updates / 2] / 1e3, propagationNanos[updates * 99 / 100] / 1e3,
        propagationNanos[updates - 1] / 1e3, reads.get());
    assertThat(regressions).as("B served an older version after a newer one").isEmpty();
    assertThat(b.stats().invalidationsReceived()).isGreaterThan(0);
    assertThat(a.stats().invalidationsSent()).isEqualTo(updates);
  }

  @Test
  void aFillThatRacesAnInvalidationOnTheSameNodeDoesNotStoreItsStaleValue() throws Exception {
    Map<String, String> db = new ConcurrentHashMap<>(Map.of("k", "old"));
    TieredCache<String, String> a = node(config().build(), db::get);
    CountDownLatch loaded = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    a.hooks(pauseFirstLoad(loaded, release));
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<String> read = pool.submit(() -> a.get("k"));
      assertThat(loaded.await(10, TimeUnit.SECONDS)).isTrue(); // it read "old" and holds the lease
      new CacheAside<>(a).update("k", () -> db.put("k", "new"));
      release.countDown();
      assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("old"); // began before the update
    }
    assertThat(a.stats().fillsRefused()).isEqualTo(1);
    assertThat(redis.get(name + ":{k}")).isNull(); // the stale fill was refused
    assertThat(a.get("k")).isEqualTo("new");
    assertThat(node(config().build(), db::get).get("k")).isEqualTo("new");
  }

  @Test
  void aFillThatRacesAnInvalidationFromAnotherNodeDoesNotStoreItsStaleValue() throws Exception {
    Map<String, String> db = new ConcurrentHashMap<>(Map.of("k", "old"));
    TieredCache<String, String> a = node(config().build(), db::get);
    TieredCache<String, String> b = node(config().build(), db::get);
    CountDownLatch loaded = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    a.hooks(pauseFirstLoad(loaded, release));
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<String> read = pool.submit(() -> a.get("k"));
      assertThat(loaded.await(10, TimeUnit.SECONDS)).isTrue();
      new CacheAside<>(b).update("k", () -> db.put("k", "new"));
      waitFor(() -> a.stats().invalidationsReceived() == 1); // A got the message while loading
      release.countDown();
      assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("old");
    }
    assertThat(a.stats().fillsRefused()).isEqualTo(1);
    assertThat(redis.get(name + ":{k}")).isNull();
    assertThat(a.get("k")).isEqualTo("new"); // A's L1 dropped the in-flight "old"
    assertThat(b.get("k")).isEqualTo("new");
  }

  @Test
  void anInvalidationThatCouldNotReachRedisMakesReadsBypassRedisUntilItIsReplayed() throws Exception {
    Map<String, String> db = new ConcurrentHashMap<>(Map.of("k", "old", "other", "x"));
    TieredCache<String, String> a = node(config().build(), db::get);
    assertThat(a.get("k")).isEqualTo("old"); // now in Redis and in A's L1
    a.l2CircuitBreaker().transitionToForcedOpen(); // Redis unreachable, as far as A can tell
    db.put("k", "new");
    a.invalidate("k");
    assertThat(redis.get(name + ":{k}")).as("Redis still holds the old copy").endsWith("old");
    a.l2CircuitBreaker().transitionToClosed();
    assertThat(a.get("k")).as("read-your-writes: the stale Redis copy is bypassed").isEqualTo("new");
    a.invalidate("other"); // the next invalidation that reaches Redis replays the pending one
    waitFor(() -> redis.get(name + ":{k}") == null);
    a.invalidateLocal();
    assertThat(a.get("k")).isEqualTo("new");
  }

  @Test
  void withAnExclusiveLeaseOneNodeLoadsAndTheOtherWaitsForItsValue() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    CacheLoader<String, String> loader = k -> "v" + loads.incrementAndGet();
    TieredCacheConfig leased = config().leaseWait(Duration.ofSeconds(4)).build();
    TieredCache<String, String> a = node(leased, loader);
    TieredCache<String, String> b = node(leased, loader);
    CountDownLatch loaded = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    a.hooks(pauseFirstLoad(loaded, release));
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<String> first = pool.submit(() -> a.get("k"));
      assertThat(loaded.await(10, TimeUnit.SECONDS)).isTrue(); // A holds the lease, is loading
      Future<String> second = pool.submit(() -> b.get("k"));
      waitFor(() -> b.stats().l2Misses() == 1); // B missed and now waits on A's lease
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
    }
    assertThat(loads).as("one load across both nodes").hasValue(1);
  }

  @Test
  void manyThreadsOnTwoNodesMissingOneKeyLoadOncePerNodeAtMost() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    CacheLoader<String, String> loader = k -> {
      loads.incrementAndGet();
      Thread.sleep(20);
      return "v";
    };
    TieredCache<String, String> a = node(config().build(), loader);
    TieredCache<String, String> b = node(config().build(), loader);
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        TieredCache<String, String> node = i % 2 == 0 ? a : b;
        results.add(pool.submit(() -> {
          start.await();
          return node.get("hot");
        }));
      }
      start.countDown();
      for (Future<String> r : results) {
        assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo("v");
      }
    }
    assertThat(loads.get()).isBetween(1, 2);
    assertThat(a.stats().loads() + a.stats().l2Hits()).isLessThanOrEqualTo(1);
  }

  @Test
  void aPutWritesThroughToRedisAndOtherNodesDropTheirCopy() throws Exception {
    Map<String, String> db = new ConcurrentHashMap<>(Map.of("k", "old"));
    TieredCache<String, String> a = node(config().build(), db::get);
    TieredCache<String, String> b = node(config().build(), db::get);
    assertThat(b.get("k")).isEqualTo("old"); // in Redis and in B's L1
    db.put("k", "new");
    a.put("k", "new");
    assertThat(redis.get(name + ":{k}")).endsWith("new");
    assertThat(redis.exists(name + ":{k}:lease")).isZero();
    assertThat(a.lookup("k")).isEqualTo(new CacheLookup<>("new", Tier.L1, false));
    waitFor(() -> b.stats().invalidationsReceived() == 1);
    assertThat(b.lookup("k")).isEqualTo(new CacheLookup<>("new", Tier.L2, false));
  }

  @Test
  void aFillThatRacesAPutDoesNotOverwriteIt() throws Exception {
    Map<String, String> db = new ConcurrentHashMap<>(Map.of("k", "old"));
    TieredCache<String, String> a = node(config().build(), db::get);
    TieredCache<String, String> b = node(config().build(), db::get);
    CountDownLatch loaded = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    a.hooks(pauseFirstLoad(loaded, release));
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<String> read = pool.submit(() -> a.get("k"));
      assertThat(loaded.await(10, TimeUnit.SECONDS)).isTrue(); // A read "old" and holds the lease
      db.put("k", "new");
      b.put("k", "new");
      release.countDown();
      assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("old");
    }
    assertThat(a.stats().fillsRefused()).isEqualTo(1);
    assertThat(redis.get(name + ":{k}")).endsWith("new");
    waitFor(() -> "new".equals(a.get("k")));
  }

  @Test
  void whileAnotherNodeHoldsTheFillLeaseAStaleValueIsServedInsteadOfWaiting() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    CacheLoader<String, String> loader = k -> "v" + loads.incrementAndGet();
    TieredCacheConfig leased = config().l1Ttl(Duration.ofSeconds(1)).l2Ttl(Duration.ofSeconds(1))
        .negativeTtl(Duration.ZERO).leaseWait(Duration.ofSeconds(4)).maxStaleness(Duration.ofSeconds(1)).build();
    TieredCache<String, String> a = node(leased, loader);
    TieredCache<String, String> b = node(leased, loader);
    assertThat(b.get("k")).isEqualTo("v1");
    // Once Redis's copy has expired (same TTL), B's L1 copy is past its TTL too, but within the
    // staleness allowance for another second. (Reading it now would make B reload it itself.)
    waitFor(() -> redis.exists(name + ":{k}") == 0);
    CountDownLatch loaded = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    a.hooks(pauseFirstLoad(loaded, release));
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<String> first = pool.submit(() -> a.get("k"));
      assertThat(loaded.await(10, TimeUnit.SECONDS)).isTrue(); // A holds the exclusive lease
      long start = System.nanoTime();
      CacheLookup<String> seen = b.lookup("k");
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("v2");
      if (seen.stale()) {
        assertThat(seen).isEqualTo(new CacheLookup<>("v1", Tier.L1, true));
        assertThat(tookMillis).as("served without waiting for A's lease").isLessThan(4_000);
      } else {
        // This box was slow enough for v1 to pass its staleness bound: then B must not serve it.
        assertThat(seen.value()).isEqualTo("v2");
      }
    }
    assertThat(loads).as("B never loaded: A held the lease").hasValue(2);
  }

  private static FillHooks pauseFirstLoad(CountDownLatch loaded, CountDownLatch release) {
    AtomicBoolean first = new AtomicBoolean(true);
    return new FillHooks() {
      @Override
      public void afterLoad(String key) {
        if (first.getAndSet(false)) {
          loaded.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
  }

  static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(1);
    }
  }
}
