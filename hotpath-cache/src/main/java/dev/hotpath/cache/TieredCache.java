package dev.hotpath.cache;

import dev.hotpath.cache.internal.CacheCounters;
import dev.hotpath.cache.internal.EarlyRefresh;
import dev.hotpath.cache.internal.Expiration;
import dev.hotpath.cache.internal.FillHooks;
import dev.hotpath.cache.internal.L1Entry;
import dev.hotpath.cache.internal.L1Tier;
import dev.hotpath.cache.internal.L2Tier;
import dev.hotpath.cache.internal.ReadThrough;
import dev.hotpath.cache.internal.RedisPayload;
import dev.hotpath.cache.internal.RedisTier;
import dev.hotpath.cache.internal.SingleFlight;
import dev.hotpath.cache.internal.Source;
import dev.hotpath.cache.internal.XFetch;
import dev.hotpath.metrics.Scope;
import dev.hotpath.metrics.Ticker;
import dev.hotpath.resilience.Bulkhead;
import dev.hotpath.resilience.BulkheadConfig;
import dev.hotpath.resilience.CircuitBreaker;
import dev.hotpath.resilience.CircuitBreakerConfig;
import io.lettuce.core.RedisClient;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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
 *       for its result. Loads in flight are kept apart from L1, which holds finished entries only: an
 *       L1 hit is one Caffeine lookup, and a failed load is the callers' exception, never a log line.
 *   <li><b>No resurrection.</b> A load that started before {@link #invalidate} cannot store what it
 *       read: in L1 the invalidation detaches the load in flight, whose result is then not stored; in Redis each fill carries a lease token that the invalidation deletes, and the fill
 *       stores only while its token is still the lease (checked and written in one Lua script).
 *   <li><b>Propagation.</b> {@code invalidate} returns after Redis deleted the key and published
 *       the invalidation; other instances drop their L1 copy when the message arrives (typically
 *       well under a millisecond on a LAN) and never serve the old value after that.
 *   <li><b>Bounded staleness.</b> No L1 entry outlives {@code l1Ttl}, so no stale read outlives it
 *       either, whatever happens to Redis. When the invalidation channel was disconnected, L1 is
 *       cleared as soon as it is subscribed again (messages may have been missed).
 *   <li><b>Redis down.</b> Each Redis command times out after {@code l2CommandTimeout}, and a
 *       circuit breaker stops calling Redis while it fails; reads are then served from L1 and the
 *       loader, which is behind a bulkhead so a cold L1 cannot stampede the database. When Redis
 *       cannot be reached at build time the cache starts degraded (L1 and the loader, see
 *       {@link CacheStats#l2Status()}) and attaches to Redis once it answers.
 *   <li><b>Serve-stale</b> (off by default, {@code maxStaleness}): an entry past its TTL is served
 *       for at most {@code maxStaleness} more while another caller reloads it; an invalidated
 *       entry is never served.
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
 * users.put(8L, newUser);             // or write through: Redis and this L1, other L1s dropped
 * }</pre>
 */
public final class TieredCache<K, V> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TieredCache.class.getName());

  private final TieredCacheConfig config;
  private final KeyCodec<K> keyCodec;
  private final @Nullable CacheLoader<? super K, ? extends V> defaultLoader;
  private final Ticker ticker;
  private final CircuitBreaker breaker;
  private final CacheCounters counters = new CacheCounters();
  private final Expiration expiration;
  private final L1Tier<K, V> l1;
  private final SingleFlight<K, V> flights = new SingleFlight<>();
  private final @Nullable L2Tier<V> l2;
  private final Source<K, V> source;
  private final ReadThrough<K, V> readThrough;
  private final @Nullable EarlyRefresh<K, V> earlyRefresh;

  private TieredCache(Builder<K, V> b) {
    this.config = b.config;
    this.keyCodec = b.keyCodec;
    this.defaultLoader = b.loader;
    this.ticker = b.ticker;
    this.expiration = new Expiration(config.l1Ttl(), config.l2Ttl(), config.negativeTtl(),
        config.ttlJitter(), !config.l1FixedTtl());
    this.breaker =
        b.breaker != null
            ? b.breaker
            : CircuitBreaker.of("cache-" + config.name() + "-redis", defaultBreakerConfig(), ticker);
    Bulkhead bulkhead =
        b.bulkhead != null
            ? b.bulkhead
            : Bulkhead.of(
                "cache-" + config.name() + "-loader",
                BulkheadConfig.builder().maxConcurrentCalls(32).maxWait(Duration.ofSeconds(1)).build());
    this.l1 = new L1Tier<>(config.l1MaximumSize(), expiration, new XFetch(config.earlyExpirationBeta()),
        config.maxStaleness().toNanos(), ticker, b.executorGiven ? b.executor : null, counters.evictions);
    RedisClient client = b.redisClient;
    ValueCodec<V> codec = b.valueCodec;
    this.l2 = client == null || codec == null
        ? null
        : new L2Tier<>(client, config, UUID.randomUUID().toString(), breaker, counters, b.executor,
            new RedisPayload<>(codec, expiration), expiration, this::dropRemote, this::clearAfterMissedInvalidations);
    this.source = new Source<>(bulkhead, ticker, counters, expiration);
    this.readThrough = new ReadThrough<>(l2, source, counters, config.leaseTtl(), !config.leaseWait().isZero());
    this.earlyRefresh = config.earlyExpirationBeta() == 0
        ? null
        : new EarlyRefresh<>(b.executor, keyCodec, l1, flights, readThrough, counters);
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
    return get(key, defaultLoader());
  }

  /** Like {@link #get(Object)}, loading a miss with {@code loader}. */
  public @Nullable V get(K key, CacheLoader<? super K, ? extends V> loader) {
    Object stored = l1.read(key);
    if (stored != null) {
      int verdict = L1Tier.verdict();
      if (verdict != L1Tier.STALE) {
        hit(key, verdict, loader);
        return l1.value(stored);
      }
      return miss(key, loader, stale(stored)).value();
    }
    return miss(key, loader, null).value();
  }

  /**
   * The value of {@code key} if L1 or Redis holds it, without loading: {@code null} when neither
   * does (or the key is cached as absent). A value found in Redis is kept in L1 under the same
   * single flight and invalidation rules as a load. For callers that load and {@link #put}
   * themselves (Spring's {@code Cache.get(key)}); prefer {@link #get(Object, CacheLoader)}.
   */
  public @Nullable V getIfPresent(K key) {
    Object stored = l1.read(key);
    if (stored != null && L1Tier.verdict() != L1Tier.STALE) {
      counters.l1Hits.increment();
      Scope.count("cache.hit", 1);
      return l1.value(stored);
    }
    counters.l1Misses.increment();
    L2Tier<V> tier = l2;
    if (tier == null) {
      return null;
    }
    String k = keyCodec.encode(key);
    RedisTier t = tier.forRead(k);
    if (t == null) {
      return null;
    }
    SingleFlight.Claim<V> claim = flights.claim(key);
    SingleFlight.Flight<V> flight = claim.flight();
    if (!claim.owner()) {
      L1Entry<V> loaded = await(k, flight);
      return loaded == null ? null : loaded.value();
    }
    L1Entry<V> found;
    try {
      found = tier.get(t, k);
    } catch (Throwable x) {
      flights.fail(key, flight, x);
      throw x;
    }
    if (found == null) {
      flights.abandon(key, flight);
      return null;
    }
    flights.finish(key, flight, found, l1::put);
    return found.value();
  }

  /**
   * Like {@link #get(Object)}, and says which tier answered (and whether the value was served
   * stale). For tests and per-request breakdowns; {@code get} is the cheaper call.
   */
  public CacheLookup<V> lookup(K key) {
    return lookup(key, defaultLoader());
  }

  /** Like {@link #lookup(Object)}, loading a miss with {@code loader}. */
  public CacheLookup<V> lookup(K key, CacheLoader<? super K, ? extends V> loader) {
    Object stored = l1.read(key);
    L1Entry<V> stale = null;
    if (stored != null) {
      int verdict = L1Tier.verdict();
      if (verdict != L1Tier.STALE) {
        hit(key, verdict, loader);
        return new CacheLookup<>(l1.value(stored), Tier.L1, false);
      }
      stale = stale(stored);
    }
    L1Entry<V> got = miss(key, loader, stale);
    return got == stale ? new CacheLookup<>(got.value(), Tier.L1, true) : new CacheLookup<>(got.value(), got.source(), false);
  }

  /** A stale L1 value, as the entry the miss path may serve (identity tells the caller it was served). */
  private L1Entry<V> stale(Object stored) {
    return new L1Entry<>(l1.value(stored), 0, Tier.L1);
  }

  private void hit(K key, int verdict, CacheLoader<? super K, ? extends V> loader) {
    counters.l1Hits.increment();
    Scope.count("cache.hit", 1);
    EarlyRefresh<K, V> refresh = earlyRefresh;
    if (verdict == L1Tier.DUE && refresh != null) {
      refresh.start(key, loader);
    }
  }

  /**
   * An L1 miss (or a stale entry): joins the key's load in flight, or runs it. With a stale entry,
   * a caller that would have to wait for someone else's load gets the stale entry instead.
   */
  private L1Entry<V> miss(K key, CacheLoader<? super K, ? extends V> loader, @Nullable L1Entry<V> stale) {
    String k = keyCodec.encode(key); // before the flight exists: a codec failure leaves nothing behind
    counters.l1Misses.increment();
    while (true) {
      SingleFlight.Claim<V> claim = flights.claim(key);
      SingleFlight.Flight<V> flight = claim.flight();
      if (!claim.owner()) {
        if (stale != null) {
          return servedStale(stale);
        }
        L1Entry<V> loaded = await(k, flight);
        if (loaded == null) {
          continue; // its owner served a stale value instead of loading: claim again
        }
        Scope.count("cache.miss", 1); // waited for another caller's load
        return loaded;
      }
      Object now = l1.read(key);
      if (now != null && L1Tier.verdict() != L1Tier.STALE) {
        // A load finished between our L1 read and the claim: L1 already holds it (storing it again
        // would restart its TTL).
        L1Entry<V> found = new L1Entry<>(l1.value(now), 0, Tier.L1);
        flights.finish(key, flight, found, (kk, e) -> {});
        return found;
      }
      L1Entry<V> entry;
      try {
        entry = readThrough.load(key, k, loader, stale);
      } catch (Throwable t) {
        flights.fail(key, flight, t);
        throw t;
      }
      if (entry == stale) {
        flights.abandon(key, flight); // another instance holds the lease; waiters claim again
        return servedStale(entry);
      }
      flights.finish(key, flight, entry, l1::put);
      return entry;
    }
  }

  private L1Entry<V> servedStale(L1Entry<V> stale) {
    counters.staleServed.increment();
    Scope.count("cache.hit", 1);
    return stale;
  }

  /**
   * The values of {@code keys} that exist, from L1, then one Redis MGET, then one batched
   * {@link CacheLoader#loadAll} with the default loader for the rest.
   *
   * @throws NullPointerException if {@code keys} holds {@code null} (nothing is read or loaded)
   */
  public Map<K, V> getAll(Collection<? extends K> keys) {
    return getAll(keys, defaultLoader());
  }

  /** Like {@link #getAll(Collection)}, loading misses with {@code loader}. */
  public Map<K, V> getAll(Collection<? extends K> keys, CacheLoader<? super K, ? extends V> loader) {
    // Validate and encode every key before any flight exists: a bad key must leave nothing behind.
    Map<K, String> encoded = new LinkedHashMap<>();
    for (K key : keys) {
      Objects.requireNonNull(key, "getAll: keys must not contain null");
      if (!encoded.containsKey(key)) {
        encoded.put(key, keyCodec.encode(key));
      }
    }
    Map<K, V> result = new LinkedHashMap<>();
    Map<K, SingleFlight.Flight<V>> waiting = new LinkedHashMap<>();
    List<K> mine = new ArrayList<>();
    List<String> mineKs = new ArrayList<>();
    List<SingleFlight.Flight<V>> mineFlights = new ArrayList<>();
    for (Map.Entry<K, String> ke : encoded.entrySet()) {
      K key = ke.getKey();
      Object stored = l1.read(key);
      if (stored != null && L1Tier.verdict() != L1Tier.STALE) {
        counters.l1Hits.increment();
        Scope.count("cache.hit", 1);
        V v = l1.value(stored);
        if (v != null) {
          result.put(key, v);
        }
        continue;
      }
      counters.l1Misses.increment();
      SingleFlight.Claim<V> claim = flights.claim(key);
      if (claim.owner()) {
        mine.add(key);
        mineKs.add(ke.getValue());
        mineFlights.add(claim.flight());
      } else {
        waiting.put(key, claim.flight());
      }
    }
    if (!mine.isEmpty()) {
      loadOwned(mine, mineKs, mineFlights, loader);
    }
    for (int i = 0; i < mine.size(); i++) {
      addValue(result, mine.get(i), await(mineKs.get(i), mineFlights.get(i)));
    }
    for (Map.Entry<K, SingleFlight.Flight<V>> w : waiting.entrySet()) {
      L1Entry<V> loaded = await(encoded.getOrDefault(w.getKey(), "?"), w.getValue());
      addValue(result, w.getKey(), loaded != null ? loaded : miss(w.getKey(), loader, null));
    }
    return result;
  }

  /** Loads the flights this caller owns; every one of them ends finished or failed, whatever happens. */
  private void loadOwned(List<K> keys, List<String> ks, List<SingleFlight.Flight<V>> owned,
      CacheLoader<? super K, ? extends V> loader) {
    Throwable failure = null;
    try {
      Map<K, L1Entry<V>> entries = readThrough.loadAll(keys, ks, loader);
      for (int i = 0; i < keys.size(); i++) {
        L1Entry<V> entry = entries.get(keys.get(i));
        if (entry != null) {
          flights.finish(keys.get(i), owned.get(i), entry, l1::put);
        }
      }
    } catch (Throwable t) {
      failure = t;
    } finally {
      for (int i = 0; i < keys.size(); i++) {
        if (!owned.get(i).result().isDone()) {
          flights.fail(keys.get(i), owned.get(i),
              failure != null ? failure : new IllegalStateException("batch load returned no entry for " + ks.get(i)));
        }
      }
    }
  }

  private static <K, V> void addValue(Map<K, V> result, K key, @Nullable L1Entry<V> entry) {
    V v = entry == null ? null : entry.value();
    if (v != null) {
      result.put(key, v);
    }
  }

  /**
   * Write-through: stores {@code value} for {@code key} in Redis (dropping any fill lease, so a
   * load that read the old value cannot store it) and in this L1, and tells other instances to
   * drop their L1 copy. Call after the source of truth holds {@code value}. A load of {@code key}
   * in flight on this instance is detached (its older result is not stored). When Redis is
   * unreachable the key is logged like a failed {@link #invalidate}. To remove a value, use
   * {@link #invalidate}.
   */
  public void put(K key, V value) {
    Objects.requireNonNull(value, "value: use invalidate(key) to remove a value");
    String k = keyCodec.encode(key);
    L1Entry<V> entry = expiration.entry(value, 0, Tier.L1);
    L2Tier<V> tier = l2;
    if (tier != null) {
      tier.put(k, entry);
      counters.invalidationsSent.increment();
    }
    flights.detach(key, kk -> l1.put(kk, entry));
    counters.puts.increment();
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
    L2Tier<V> tier = l2;
    if (tier != null) {
      tier.invalidate(encoded);
    }
    for (K key : keys) {
      drop(key);
    }
    counters.invalidationsSent.add(encoded.size());
  }

  /** Drops every L1 entry of this instance (Redis and other instances are untouched). */
  public void invalidateLocal() {
    flights.detachAll(l1::clear);
  }

  /** The Redis tier's health: {@link L2Status#degraded()} while configured but not in use. */
  public L2Status l2Status() {
    L2Tier<V> tier = l2;
    return tier == null ? L2Status.NOT_CONFIGURED : tier.status();
  }

  /** A snapshot of the counters. */
  public CacheStats stats() {
    return new CacheStats(counters, l1.size(), breaker.state(), l2Status());
  }

  /** Closes the Redis connections (not the client, which belongs to the caller) and empties L1. */
  @Override
  public void close() {
    L2Tier<V> tier = l2;
    if (tier != null) {
      tier.close();
    }
    invalidateLocal();
  }

  /** Whether L1 holds an entry (value or negative, fresh or stale) for {@code key}; reads nothing else. */
  boolean l1Contains(K key) {
    Object stored = l1.read(key);
    L1Tier.verdict(); // taken, so it cannot be mistaken for a later read's
    return stored != null;
  }

  /** The live counters, for {@link TieredCacheMetrics}. */
  CacheCounters counters() {
    return counters;
  }

  /** Test seam: see {@link FillHooks}. */
  void hooks(FillHooks hooks) {
    source.hooks(hooks);
  }

  /** A TTL with this cache's jitter applied (tests of the spread). */
  long jittered(long ttlNanos) {
    return expiration.jittered(ttlNanos);
  }

  private CacheLoader<? super K, ? extends V> defaultLoader() {
    CacheLoader<? super K, ? extends V> loader = defaultLoader;
    if (loader == null) {
      throw new IllegalStateException(
          "cache '" + config.name() + "' has no default loader: set one with builder.loader(...) or pass one to get");
    }
    return loader;
  }

  /** Drops the L1 entry and detaches the load in flight, atomically: see {@link SingleFlight}. */
  private void drop(K key) {
    flights.detach(key, l1::invalidate);
  }

  private void dropRemote(List<String> keys) {
    for (String k : keys) {
      K key;
      try {
        key = keyCodec.decode(k);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "cache {0}: invalidation of a key the KeyCodec cannot decode: {1}", config.name(), k);
        continue;
      }
      drop(key);
    }
  }

  private void clearAfterMissedInvalidations() {
    invalidateLocal();
    counters.l1Clears.increment();
    LOG.log(Level.INFO, "cache {0}: invalidations may have been missed (Redis reconnected); L1 cleared", config.name());
  }

  /** The flight's entry; {@code null} if it was abandoned. */
  private @Nullable L1Entry<V> await(String k, SingleFlight.Flight<V> f) {
    try {
      return f.result().join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new CacheLoadException(k, cause);
    }
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
     * Runs early refreshes, replays of invalidations and Caffeine's maintenance; default: a new virtual thread per refresh
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

    /**
     * Builds the cache and, with Redis, opens its connections and subscribes. When Redis cannot
     * be reached the cache is built anyway, degraded ({@link L2Status#CONNECTING}), and attaches
     * to Redis in the background once it answers.
     */
    public TieredCache<K, V> build() {
      return new TieredCache<>(this);
    }
  }
}
