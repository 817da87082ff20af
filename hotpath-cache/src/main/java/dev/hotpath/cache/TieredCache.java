package dev.hotpath.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.hotpath.cache.internal.FillHooks;
import dev.hotpath.cache.internal.L1Entry;
import dev.hotpath.cache.internal.RedisTier;
import dev.hotpath.metrics.Scope;
import dev.hotpath.metrics.Ticker;
import dev.hotpath.resilience.Bulkhead;
import dev.hotpath.resilience.BulkheadConfig;
import dev.hotpath.resilience.CallNotPermittedException;
import dev.hotpath.resilience.CircuitBreaker;
import dev.hotpath.resilience.CircuitBreakerConfig;
import io.lettuce.core.RedisClient;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A three-tier read-through cache: L1 in process (Caffeine, bounded by size and TTL), L2 in Redis
 * (optional, shared by every instance), L3 the loader (the source of truth). {@link #get} looks in
 * L1, then L2, then loads, and fills the tiers it passed on the way back.
 *
 * <p>Guarantees (the consistency model, in full in docs/cache.md):
 *
 * <ul>
 *   <li><b>Single flight.</b> Concurrent misses of one key in one JVM run one load; the others wait
 *       for its result (the in-flight future is the L1 entry).
 *   <li><b>No resurrection.</b> A load that started before {@link #invalidate} cannot store what it
 *       read: in L1 the invalidation removes the in-flight future, so its late completion is not
 *       kept; in Redis each fill carries a lease token that the invalidation deletes, and the fill
 *       stores only while its token is still the lease (checked and written in one Lua script).
 *   <li><b>Propagation.</b> {@code invalidate} returns after Redis deleted the key and published
 *       the invalidation; other instances drop their L1 copy when the message arrives (typically
 *       well under a millisecond on a LAN) and never serve the old value after that.
 *   <li><b>Bounded staleness.</b> No L1 entry outlives {@code l1Ttl}, so no stale read outlives it
 *       either, whatever happens to Redis. When the invalidation channel was disconnected, L1 is
 *       cleared as soon as it is subscribed again (messages may have been missed).
 *   <li><b>Redis down.</b> Each Redis command times out after {@code l2CommandTimeout}, and a
 *       circuit breaker stops calling Redis while it fails; reads are then served from L1 and the
 *       loader, which is behind a bulkhead so a cold L1 cannot stampede the database.
 * </ul>
 *
 * <p>Thread-safe. Values must be immutable (they are shared by every reader of L1).
 *
 * <pre>{@code
 * TieredCache<Long, User> users = TieredCache.<Long, User>builder(
 *         TieredCacheConfig.ofDefaults("users"), KeyCodec.longs())
 *     .loader(id -> userDao.find(id))
 *     .redis(redisClient, ValueCodec.json(User.class))
 *     .build();
 * User u = users.get(7L);            // L1 -> L2 -> userDao
 * userDao.rename(7L, "Ada");
 * users.invalidate(7L);               // Redis, this L1 and every other instance's L1
 * }</pre>
 */
public final class TieredCache<K, V> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TieredCache.class.getName());
  /** -ln(p) for the smallest early-refresh probability worth a look: e^-20 ~ 2e-9. */
  private static final double XFETCH_HORIZON = 20;
  /**
   * Early expiration is considered on one L1 hit in 8, chosen at random: reading the clock on every
   * hit would double the cost of a hit. A hot key (the kind XFetch is for) is read often enough
   * that its refresh starts only a few reads later; a cold key rarely refreshes early, as intended.
   */
  private static final int XFETCH_SAMPLE = 7;

  private final TieredCacheConfig config;
  private final KeyCodec<K> keyCodec;
  private final @Nullable CacheLoader<? super K, ? extends V> defaultLoader;
  private final @Nullable ValueCodec<V> valueCodec;
  private final Ticker ticker;
  private final Executor executor;
  private final CircuitBreaker breaker;
  private final Bulkhead loaderBulkhead;
  private final AsyncCache<K, L1Entry<V>> l1;
  private final ConcurrentMap<K, CompletableFuture<L1Entry<V>>> l1Map;
  private final @Nullable RedisTier l2;
  private final String originId = UUID.randomUUID().toString();
  private final Set<String> pendingInvalidations = ConcurrentHashMap.newKeySet();
  private final Counters counters = new Counters();
  private final long l1TtlNanos;
  private final long l2TtlNanos;
  private final long negativeTtlNanos;
  private final long leaseWaitNanos;
  private final double beta;
  private volatile FillHooks hooks = FillHooks.NONE;

  private TieredCache(Builder<K, V> b) {
    this.config = b.config;
    this.keyCodec = b.keyCodec;
    this.defaultLoader = b.loader;
    this.valueCodec = b.valueCodec;
    this.ticker = b.ticker;
    this.executor = b.executor;
    this.l1TtlNanos = config.l1Ttl().toNanos();
    this.l2TtlNanos = config.l2Ttl().toNanos();
    this.negativeTtlNanos = config.negativeTtl().toNanos();
    this.leaseWaitNanos = config.leaseWait().toNanos();
    this.beta = config.earlyExpirationBeta();
    this.breaker =
        b.breaker != null
            ? b.breaker
            : CircuitBreaker.of("cache-" + config.name() + "-redis", defaultBreakerConfig(), ticker);
    this.loaderBulkhead =
        b.bulkhead != null
            ? b.bulkhead
            : Bulkhead.of(
                "cache-" + config.name() + "-loader",
                BulkheadConfig.builder().maxConcurrentCalls(32).maxWait(Duration.ofSeconds(1)).build());
    Caffeine<Object, Object> caffeine = Caffeine.newBuilder();
    if (b.executorGiven) {
      caffeine.executor(executor); // else Caffeine's default (commonPool) runs its maintenance
    }
    this.l1 =
        caffeine
            .maximumSize(config.l1MaximumSize())
            .expireAfter(new EntryExpiry<K, V>())
            .ticker(ticker::read)
            .evictionListener(
                (@Nullable K k, @Nullable L1Entry<V> v, com.github.benmanes.caffeine.cache.RemovalCause c) ->
                    counters.evictions.increment())
            .buildAsync();
    this.l1Map = l1.asMap();
    this.l2 =
        b.redisClient == null
            ? null
            : new RedisTier(
                b.redisClient,
                config.name(),
                originId,
                config.l2CommandTimeout(),
                this::onRemoteInvalidation,
                this::onResubscribed);
  }

  /** The breaker used when none is given: opens at 50% failures of the last 20 calls, for 5 s. */
  public static CircuitBreakerConfig defaultBreakerConfig() {
    return CircuitBreakerConfig.builder()
        .slidingWindow(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED, 20)
        .minimumNumberOfCalls(10)
        .failureRateThreshold(50)
        .waitInOpenState(Duration.ofSeconds(5))
        .permittedCallsInHalfOpenState(3)
        .build();
  }

  /** A builder for a cache with {@code config} whose keys are turned into strings by {@code keys}. */
  public static <K, V> Builder<K, V> builder(TieredCacheConfig config, KeyCodec<K> keys) {
    return new Builder<>(config, keys);
  }

  /** The configuration. */
  public TieredCacheConfig config() {
    return config;
  }

  /** The breaker guarding Redis (its state is also in {@link #stats()}). */
  public CircuitBreaker l2CircuitBreaker() {
    return breaker;
  }

  /**
   * The value of {@code key} from the first tier that has it, loading it with the default loader
   * on a miss; {@code null} when the key does not exist.
   *
   * @throws CacheLoadException if the loader failed or its bulkhead was full
   * @throws IllegalStateException if the cache was built without a loader
   */
  public @Nullable V get(K key) {
    CacheLoader<? super K, ? extends V> loader = defaultLoader;
    if (loader == null) {
      throw new IllegalStateException("cache '" + config.name() + "' has no default loader");
    }
    return get(key, loader);
  }

  /** Like {@link #get(Object)}, loading a miss with {@code loader}. */
  public @Nullable V get(K key, CacheLoader<? super K, ? extends V> loader) {
    Objects.requireNonNull(key, "key");
    CompletableFuture<L1Entry<V>> f = l1Map.get(key);
    if (f != null && f.state() == Future.State.SUCCESS) {
      L1Entry<V> e = f.resultNow();
      counters.l1Hits.increment();
      Scope.count("cache.hit", 1);
      if (beta != 0 && e.value() != null && (ThreadLocalRandom.current().nextInt() & XFETCH_SAMPLE) == 0) {
        maybeRefreshEarly(key, f, e, loader);
      }
      return e.value();
    }
    counters.l1Misses.increment();
    while (true) {
      if (f == null) {
        CompletableFuture<L1Entry<V>> mine = new CompletableFuture<>();
        CompletableFuture<L1Entry<V>> prior = l1Map.putIfAbsent(key, mine);
        if (prior == null) {
          loadInto(key, mine, loader);
          return await(key, mine);
        }
        f = prior;
      }
      if (f.isCompletedExceptionally()) {
        l1Map.remove(key, f); // a failed load on its way out: do not inherit its failure
        f = null;
        continue;
      }
      Scope.count("cache.miss", 1); // waited for another caller's load
      return await(key, f);
    }
  }

  /**
   * The values of {@code keys} that exist, from L1, then one Redis MGET, then one batched
   * {@link CacheLoader#loadAll} with the default loader for the rest.
   */
  public Map<K, V> getAll(Collection<? extends K> keys) {
    CacheLoader<? super K, ? extends V> loader = defaultLoader;
    if (loader == null) {
      throw new IllegalStateException("cache '" + config.name() + "' has no default loader");
    }
    return getAll(keys, loader);
  }

  /** Like {@link #getAll(Collection)}, loading misses with {@code loader}. */
  public Map<K, V> getAll(Collection<? extends K> keys, CacheLoader<? super K, ? extends V> loader) {
    Map<K, V> result = new LinkedHashMap<>();
    Map<K, CompletableFuture<L1Entry<V>>> waiting = new LinkedHashMap<>();
    Map<K, CompletableFuture<L1Entry<V>>> mine = new LinkedHashMap<>();
    for (K key : new LinkedHashSet<K>(keys)) {
      CompletableFuture<L1Entry<V>> f = l1Map.get(key);
      if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
        counters.l1Hits.increment();
        Scope.count("cache.hit", 1);
        V v = f.join().value();
        if (v != null) {
          result.put(key, v);
        }
        continue;
      }
      counters.l1Misses.increment();
      if (f != null && f.isCompletedExceptionally()) {
        l1Map.remove(key, f);
        f = null;
      }
      if (f == null) {
        CompletableFuture<L1Entry<V>> nf = new CompletableFuture<>();
        CompletableFuture<L1Entry<V>> prior = l1Map.putIfAbsent(key, nf);
        if (prior == null) {
          mine.put(key, nf);
          continue;
        }
        f = prior;
      }
      waiting.put(key, f);
    }
    if (!mine.isEmpty()) {
      loadAllInto(mine, loader);
    }
    for (Map<K, CompletableFuture<L1Entry<V>>> group : List.of(mine, waiting)) {
      for (Map.Entry<K, CompletableFuture<L1Entry<V>>> e : group.entrySet()) {
        V v = await(e.getKey(), e.getValue());
        if (v != null) {
          result.put(e.getKey(), v);
        }
      }
    }
    return result;
  }

  /**
   * Call after the source of truth changed: deletes the key from Redis (value and fill lease),
   * then from this L1, then tells every other instance to drop its L1 copy. When Redis is
   * unreachable the key is dropped from L1 and kept for replay once Redis is back (other
   * instances' L1 copies then live at most {@code l1Ttl}).
   */
  public void invalidate(K key) {
    invalidateAll(List.of(key));
  }

  /** {@link #invalidate} for several keys, with one DEL and one message. */
  public void invalidateAll(Collection<? extends K> keys) {
    if (keys.isEmpty()) {
      return;
    }
    List<String> encoded = new ArrayList<>(keys.size());
    for (K key : keys) {
      encoded.add(keyCodec.encode(key));
    }
    // Redis first: a local reader that misses L1 after this cannot find the old value in L2.
    invalidateRemote(encoded);
    for (K key : keys) {
      l1Map.remove(key);
    }
    counters.invalidationsSent.add(encoded.size());
  }

  /** Drops every L1 entry of this instance (Redis and other instances are untouched). */
  public void invalidateLocal() {
    l1Map.clear();
  }

  /** A snapshot of the counters. */
  public CacheStats stats() {
    Counters c = counters;
    return new CacheStats(
        c.l1Hits.sum(),
        c.l1Misses.sum(),
        c.l2Hits.sum(),
        c.l2Misses.sum(),
        c.l2Errors.sum(),
        c.l2Rejected.sum(),
        c.loads.sum(),
        c.loadFailures.sum(),
        c.loadNanos.sum(),
        c.evictions.sum(),
        c.invalidationsSent.sum(),
        c.invalidationsReceived.sum(),
        c.l1Clears.sum(),
        c.fillsRefused.sum(),
        c.earlyRefreshes.sum(),
        l1.synchronous().estimatedSize(),
        breaker.state());
  }

  /** Closes the Redis connections (not the client, which belongs to the caller) and empties L1. */
  @Override
  public void close() {
    RedisTier tier = l2;
    if (tier != null) {
      tier.close();
    }
    l1Map.clear();
  }

  /** Whether L1 holds a finished entry (value or negative) for {@code key}; reads nothing else. */
  boolean l1Contains(K key) {
    CompletableFuture<L1Entry<V>> f = l1Map.get(key);
    return f != null && f.isDone() && !f.isCompletedExceptionally();
  }

  /** Test seam: see {@link FillHooks}. */
  void hooks(FillHooks hooks) {
    this.hooks = Objects.requireNonNull(hooks, "hooks");
  }

  // ---------------------------------------------------------------------------------- loading

  private void loadInto(K key, CompletableFuture<L1Entry<V>> target, CacheLoader<? super K, ? extends V> loader) {
    try {
      target.complete(loadThrough(key, loader));
    } catch (Throwable t) {
      target.completeExceptionally(t);
    }
  }

  /** L2, then (under a fill lease when Redis is reachable) the loader. */
  private L1Entry<V> loadThrough(K key, CacheLoader<? super K, ? extends V> loader) {
    String k = keyCodec.encode(key);
    RedisTier tier = l2;
    if (tier == null || isPending(k)) {
      // No Redis, or Redis may still hold a copy this instance failed to invalidate: bypass it.
      return load(key, k, loader);
    }
    byte[] payload = l2Call(() -> tier.get(k));
    if (payload != null) {
      counters.l2Hits.increment();
      Scope.count("cache.hit", 1);
      return fromPayload(payload);
    }
    counters.l2Misses.increment();
    String token = UUID.randomUUID().toString();
    boolean exclusive = leaseWaitNanos > 0;
    RedisTier.Lease lease = l2Call(() -> tier.lease(k, token, config.leaseTtl(), exclusive));
    if (lease instanceof RedisTier.Lease.Hit hit) {
      counters.l2Hits.increment();
      Scope.count("cache.hit", 1);
      return fromPayload(hit.payload());
    }
    if (lease instanceof RedisTier.Lease.HeldByOther) {
      byte[] awaited = awaitOtherLoad(tier, k);
      if (awaited != null) {
        counters.l2Hits.increment();
        Scope.count("cache.hit", 1);
        return fromPayload(awaited);
      }
    }
    L1Entry<V> entry = load(key, k, loader);
    if (lease instanceof RedisTier.Lease.Granted) {
      fill(tier, k, token, entry);
    }
    return entry;
  }

  /** Polls Redis for the value another instance is loading under its lease, up to leaseWait. */
  private byte @Nullable [] awaitOtherLoad(RedisTier tier, String k) {
    long deadline = System.nanoTime() + leaseWaitNanos;
    long pause = Math.max(1, Math.min(leaseWaitNanos / 10, 5_000_000L) / 1_000_000L);
    while (System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      byte[] payload = l2Call(() -> tier.get(k));
      if (payload != null) {
        return payload;
      }
    }
    return null;
  }

  /** Runs the loader under the bulkhead, timing it. */
  private L1Entry<V> load(K key, String k, CacheLoader<? super K, ? extends V> loader) {
    long start = ticker.read();
    V value;
    try {
      value = loaderBulkhead.call(() -> loader.load(key));
    } catch (Exception e) {
      counters.loadFailures.increment();
      throw new CacheLoadException(k, e);
    }
    long nanos = ticker.read() - start;
    counters.loads.increment();
    counters.loadNanos.add(nanos);
    Scope.count("cache.miss", 1);
    Scope.recordTiming("cache.load", nanos);
    hooks.afterLoad(k);
    return newEntry(value, nanos);
  }

  /** One key of a batch this caller loads. */
  private static final class Pending<K, V> {
    final K key;
    final String k;
    final CompletableFuture<L1Entry<V>> future;
    @Nullable String token;
    @Nullable CompletableFuture<RedisTier.Lease> lease;

    Pending(K key, String k, CompletableFuture<L1Entry<V>> future) {
      this.key = key;
      this.k = k;
      this.future = future;
    }
  }

  private void loadAllInto(Map<K, CompletableFuture<L1Entry<V>>> mine, CacheLoader<? super K, ? extends V> loader) {
    List<Pending<K, V>> all = new ArrayList<>(mine.size());
    mine.forEach((key, f) -> all.add(new Pending<>(key, keyCodec.encode(key), f)));
    try {
      List<Pending<K, V>> toLoad = all;
      RedisTier tier = l2;
      if (tier != null) {
        List<Pending<K, V>> viaRedis = new ArrayList<>();
        List<Pending<K, V>> bypass = new ArrayList<>();
        all.forEach(p -> (isPending(p.k) ? bypass : viaRedis).add(p));
        toLoad = viaRedis.isEmpty() ? new ArrayList<>() : missesOfL2(tier, viaRedis);
        toLoad.addAll(bypass);
      }
      if (toLoad.isEmpty()) {
        return;
      }
      Map<K, Pending<K, V>> batch = new LinkedHashMap<>();
      toLoad.forEach(p -> batch.put(p.key, p));
      long start = ticker.read();
      Map<? super K, ? extends V> loaded;
      try {
        loaded = loaderBulkhead.call(() -> loader.loadAll(batch.keySet()));
      } catch (Exception e) {
        counters.loadFailures.increment();
        throw new CacheLoadException(batchNames(toLoad), e);
      }
      long nanos = ticker.read() - start;
      counters.loads.increment();
      counters.loadNanos.add(nanos);
      Scope.count("cache.miss", batch.size());
      Scope.recordTiming("cache.load", nanos);
      List<CompletableFuture<Boolean>> fills = new ArrayList<>();
      List<L1Entry<V>> entries = new ArrayList<>(toLoad.size());
      for (Pending<K, V> p : toLoad) {
        hooks.afterLoad(p.k);
        L1Entry<V> entry = newEntry(loaded.get(p.key), nanos);
        entries.add(entry);
        String token = p.token;
        byte[] payload = token == null ? null : toPayload(entry);
        if (tier != null && token != null && payload != null) {
          fills.add(guarded(() -> tier.fill(p.k, token, payload, l2Ttl(entry))));
        }
      }
      for (CompletableFuture<Boolean> fill : fills) {
        if (Boolean.FALSE.equals(joinL2(fill))) {
          counters.fillsRefused.increment();
        }
      }
      for (int i = 0; i < toLoad.size(); i++) {
        toLoad.get(i).future.complete(entries.get(i));
      }
    } catch (Throwable t) {
      all.forEach(p -> p.future.completeExceptionally(t));
    }
  }

  /** One MGET, then one lease per miss (all pipelined); completes the hits, returns the rest. */
  private List<Pending<K, V>> missesOfL2(RedisTier tier, List<Pending<K, V>> all) {
    List<String> ks = new ArrayList<>(all.size());
    all.forEach(p -> ks.add(p.k));
    List<byte @Nullable []> found = l2Call(() -> tier.mget(ks));
    if (found == null) {
      counters.l2Misses.add(all.size());
      return all; // Redis unavailable: load everything, store nothing there
    }
    List<Pending<K, V>> missed = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Pending<K, V> p = all.get(i);
      byte[] payload = found.get(i);
      if (payload != null) {
        counters.l2Hits.increment();
        Scope.count("cache.hit", 1);
        p.future.complete(fromPayload(payload));
      } else {
        counters.l2Misses.increment();
        String token = UUID.randomUUID().toString();
        p.token = token;
        p.lease = guarded(() -> tier.lease(p.k, token, config.leaseTtl(), false));
        missed.add(p);
      }
    }
    List<Pending<K, V>> toLoad = new ArrayList<>(missed.size());
    for (Pending<K, V> p : missed) {
      CompletableFuture<RedisTier.Lease> lf = p.lease;
      RedisTier.Lease lease = lf == null ? null : joinL2(lf);
      if (lease instanceof RedisTier.Lease.Hit hit) {
        counters.l2Hits.increment();
        p.future.complete(fromPayload(hit.payload()));
        continue;
      }
      if (!(lease instanceof RedisTier.Lease.Granted)) {
        p.token = null;
      }
      toLoad.add(p);
    }
    return toLoad;
  }

  private static String batchNames(List<? extends Pending<?, ?>> batch) {
    List<String> names = new ArrayList<>();
    for (Pending<?, ?> p : batch) {
      names.add(p.k);
      if (names.size() == 5) {
        names.add("...");
        break;
      }
    }
    return String.join(",", names);
  }

  private void fill(RedisTier tier, String k, String token, L1Entry<V> entry) {
    byte[] payload = toPayload(entry);
    if (payload == null) {
      return;
    }
    Boolean stored = l2Call(() -> tier.fill(k, token, payload, l2Ttl(entry)));
    if (Boolean.FALSE.equals(stored)) {
      counters.fillsRefused.increment(); // invalidated (or lease lapsed) while loading
    }
  }

  // ------------------------------------------------------------------------ early refresh (XFetch)

  /*
   * XFetch (Vattani, Chierichetti, Lowenstein, "Optimal Probabilistic Cache Stampede Prevention",
   * VLDB 2015): refresh when now - delta * beta * ln(rand) >= expiry, delta being the cost of the
   * load. Hot keys are refreshed shortly before they expire, by one reader, while everyone keeps
   * reading the current value; a cold key just expires.
   */
  private void maybeRefreshEarly(
      K key, CompletableFuture<L1Entry<V>> current, L1Entry<V> e, CacheLoader<? super K, ? extends V> loader) {
    long now = ticker.read();
    if (now - e.refreshHorizonNanos() < 0) {
      return;
    }
    double gap = e.loadNanos() * config.earlyExpirationBeta() * -Math.log(ThreadLocalRandom.current().nextDouble());
    if (now + gap < e.deadlineNanos() || !e.refreshing().compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(() -> refresh(key, current, e, loader));
    } catch (RuntimeException rejected) {
      e.refreshing().set(false);
    }
  }

  private void refresh(
      K key, CompletableFuture<L1Entry<V>> current, L1Entry<V> old, CacheLoader<? super K, ? extends V> loader) {
    String k = keyCodec.encode(key);
    try {
      RedisTier tier = l2;
      String token = UUID.randomUUID().toString();
      boolean granted = false;
      if (tier != null) {
        RedisTier.Lease lease = l2Call(() -> tier.leaseForRefresh(k, token, config.leaseTtl()));
        granted = lease instanceof RedisTier.Lease.Granted;
      }
      L1Entry<V> entry = load(key, k, loader);
      if (granted && tier != null) {
        fill(tier, k, token, entry);
      }
      // The L1 check: replace only the entry this refresh started from; if it was invalidated or
      // replaced meanwhile, the refreshed value is dropped.
      if (l1Map.replace(key, current, CompletableFuture.completedFuture(entry))) {
        counters.earlyRefreshes.increment();
      }
    } catch (RuntimeException ex) {
      old.refreshing().set(false);
      LOG.log(Level.DEBUG, "early refresh of {0} failed: {1}", k, ex);
    }
  }

  // --------------------------------------------------------------------------------- Redis

  /** Runs one Redis command through the breaker; on any failure returns null (an L2 miss). */
  private <T> @Nullable T l2Call(Supplier<CompletableFuture<T>> command) {
    return joinL2(guarded(command));
  }

  private <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> command) {
    return breaker.callAsync(command).toCompletableFuture();
  }

  private <T> @Nullable T joinL2(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof CallNotPermittedException) {
        counters.l2Rejected.increment();
      } else {
        counters.l2Errors.increment();
        LOG.log(Level.DEBUG, "redis command failed: {0}", cause.toString());
      }
      return null;
    }
  }

  private void invalidateRemote(List<String> encoded) {
    RedisTier tier = l2;
    if (tier == null) {
      return;
    }
    CompletableFuture<Void> done = guarded(() -> tier.invalidate(encoded));
    try {
      done.join();
      encoded.forEach(pendingInvalidations::remove);
      if (!pendingInvalidations.isEmpty()) {
        replayPendingInvalidations(); // Redis answers again: settle what failed earlier
      }
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      joinL2(done); // counts the error
      if (pendingInvalidations.size() + encoded.size() <= config.maxPendingInvalidations()) {
        pendingInvalidations.addAll(encoded);
      } else {
        LOG.log(Level.WARNING,
            "cache {0}: {1} invalidations pending while Redis is unreachable; dropping {2}; "
                + "their Redis copies live until l2Ttl",
            config.name(), pendingInvalidations.size(), encoded);
      }
    }
  }

  private boolean isPending(String k) {
    return !pendingInvalidations.isEmpty() && pendingInvalidations.contains(k);
  }

  private void onRemoteInvalidation(List<String> keys) {
    for (String k : keys) {
      l1Map.remove(keyCodec.decode(k));
    }
    counters.invalidationsReceived.add(keys.size());
  }

  /** The channel is subscribed again after a disconnect: messages may have been lost. */
  private void onResubscribed() {
    l1Map.clear();
    counters.l1Clears.increment();
    LOG.log(Level.INFO, "cache {0}: invalidation channel back; L1 cleared", config.name());
    replayPendingInvalidations();
  }

  private void replayPendingInvalidations() {
    RedisTier tier = l2;
    if (tier == null || pendingInvalidations.isEmpty()) {
      return;
    }
    List<String> batch = new ArrayList<>(pendingInvalidations);
    // Off the Lettuce event loop: never block it on a command of its own connection.
    executor.execute(() -> {
      try {
        tier.invalidate(batch).join();
        batch.forEach(pendingInvalidations::remove);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "cache {0}: replaying invalidations failed: {1}", config.name(), e);
      }
    });
  }

  // ------------------------------------------------------------------------------- entries

  private L1Entry<V> newEntry(@Nullable V value, long loadNanos) {
    long now = ticker.read();
    long ttl = value == null ? negativeTtlNanos : jittered(l1TtlNanos);
    long deadline = now + ttl;
    long horizon = deadline - (long) Math.min(Long.MAX_VALUE / 4.0,
        XFETCH_HORIZON * config.earlyExpirationBeta() * loadNanos);
    return new L1Entry<>(value, deadline, horizon, loadNanos, new AtomicBoolean());
  }

  /** A TTL shortened by a random fraction in [0, ttlJitter): jitter never lengthens a TTL. */
  long jittered(long ttlNanos) {
    double jitter = config.ttlJitter();
    if (jitter == 0) {
      return ttlNanos;
    }
    return ttlNanos - (long) (ttlNanos * jitter * ThreadLocalRandom.current().nextDouble());
  }

  private Duration l2Ttl(L1Entry<V> entry) {
    return Duration.ofNanos(entry.value() == null ? negativeTtlNanos : jittered(l2TtlNanos));
  }

  private byte @Nullable [] toPayload(L1Entry<V> entry) {
    V value = entry.value();
    if (value == null) {
      return negativeTtlNanos == 0 ? null : new byte[] {RedisTier.ABSENT};
    }
    ValueCodec<V> codec = Objects.requireNonNull(valueCodec, "valueCodec");
    byte[] body = codec.encode(value);
    byte[] payload = new byte[body.length + 1];
    payload[0] = RedisTier.PRESENT;
    System.arraycopy(body, 0, payload, 1, body.length);
    return payload;
  }

  private L1Entry<V> fromPayload(byte[] payload) {
    if (payload.length == 0 || payload[0] == RedisTier.ABSENT) {
      return newEntry(null, 0);
    }
    ValueCodec<V> codec = Objects.requireNonNull(valueCodec, "valueCodec");
    return newEntry(codec.decode(Arrays.copyOfRange(payload, 1, payload.length)), 0);
  }

  private @Nullable V await(K key, CompletableFuture<L1Entry<V>> f) {
    try {
      return f.join().value();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new CacheLoadException(keyCodec.encode(key), cause);
    }
  }

  /** Expiry from each entry's own deadline, so jitter and negative TTLs need no special case. */
  private static final class EntryExpiry<K, V> implements Expiry<K, L1Entry<V>> {
    @Override
    public long expireAfterCreate(K key, L1Entry<V> value, long currentTime) {
      return Math.max(0, value.deadlineNanos() - currentTime);
    }

    @Override
    public long expireAfterUpdate(K key, L1Entry<V> value, long currentTime, long currentDuration) {
      return Math.max(0, value.deadlineNanos() - currentTime);
    }

    @Override
    public long expireAfterRead(K key, L1Entry<V> value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }

  private static final class Counters {
    final LongAdder l1Hits = new LongAdder();
    final LongAdder l1Misses = new LongAdder();
    final LongAdder l2Hits = new LongAdder();
    final LongAdder l2Misses = new LongAdder();
    final LongAdder l2Errors = new LongAdder();
    final LongAdder l2Rejected = new LongAdder();
    final LongAdder loads = new LongAdder();
    final LongAdder loadFailures = new LongAdder();
    final LongAdder loadNanos = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder invalidationsSent = new LongAdder();
    final LongAdder invalidationsReceived = new LongAdder();
    final LongAdder l1Clears = new LongAdder();
    final LongAdder fillsRefused = new LongAdder();
    final LongAdder earlyRefreshes = new LongAdder();
  }

  /**
   * Builds a {@link TieredCache}. Without {@link #redis} the cache is L1 + loader only. Not
   * thread-safe.
   */
  public static final class Builder<K, V> {
    private final TieredCacheConfig config;
    private final KeyCodec<K> keyCodec;
    private @Nullable CacheLoader<? super K, ? extends V> loader;
    private @Nullable RedisClient redisClient;
    private @Nullable ValueCodec<V> valueCodec;
    private Ticker ticker = Ticker.system();
    private Executor executor = r -> Thread.ofVirtual().name("hotpath-cache-refresh").start(r);
    private boolean executorGiven;
    private @Nullable CircuitBreaker breaker;
    private @Nullable Bulkhead bulkhead;

    private Builder(TieredCacheConfig config, KeyCodec<K> keyCodec) {
      this.config = Objects.requireNonNull(config, "config");
      this.keyCodec = Objects.requireNonNull(keyCodec, "keyCodec");
    }

    /** The default loader of {@link TieredCache#get(Object)} and {@link TieredCache#getAll(Collection)}. */
    public Builder<K, V> loader(CacheLoader<? super K, ? extends V> loader) {
      this.loader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /**
     * Adds the Redis tier on {@code client} (which stays the caller's: the cache opens two
     * connections on it and closes only those). Recommended client options: auto-reconnect on
     * (the default) and {@code DisconnectedBehavior.REJECT_COMMANDS}, so commands fail at once
     * while Redis is down instead of queueing until they time out.
     */
    public Builder<K, V> redis(RedisClient client, ValueCodec<V> codec) {
      this.redisClient = Objects.requireNonNull(client, "client");
      this.valueCodec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /** The time source of TTLs and load timings (a {@code FakeTicker} in tests). */
    public Builder<K, V> ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Runs early refreshes and Caffeine's maintenance; default: a new virtual thread per refresh
     * and Caffeine's own default for maintenance. {@code Runnable::run} makes both synchronous
     * (tests).
     */
    public Builder<K, V> executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      this.executorGiven = true;
      return this;
    }

    /** The breaker around Redis; default {@link TieredCache#defaultBreakerConfig()}. */
    public Builder<K, V> l2CircuitBreaker(CircuitBreaker breaker) {
      this.breaker = Objects.requireNonNull(breaker, "breaker");
      return this;
    }

    /** The bulkhead around the loader; default 32 concurrent loads, 1 s wait for a permit. */
    public Builder<K, V> loaderBulkhead(Bulkhead bulkhead) {
      this.bulkhead = Objects.requireNonNull(bulkhead, "bulkhead");
      return this;
    }

    /** Builds the cache and, with Redis, opens its connections and subscribes. */
    public TieredCache<K, V> build() {
      return new TieredCache<>(this);
    }
  }
}
