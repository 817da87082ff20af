package dev.hotpath.cache.internal;

import dev.hotpath.cache.L2Status;
import dev.hotpath.cache.TieredCacheConfig;
import dev.hotpath.metrics.Scope;
import dev.hotpath.resilience.CallNotPermittedException;
import dev.hotpath.resilience.CircuitBreaker;
import io.lettuce.core.RedisClient;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Redis tier as the cache sees it: every command through the circuit breaker and counted, a
 * failure read as a miss, payload framing, the invalidation log, and the connection itself.
 *
 * <p>Degraded start: when Redis cannot be reached at build time the tier starts detached (every
 * read bypasses it, invalidations are logged for replay) and a background thread tries again every
 * {@code l2ConnectRetry}. On attaching, L1 is cleared (invalidations sent meanwhile by other
 * instances were missed) and the logged invalidations are replayed.
 */
public final class L2Tier<V> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(L2Tier.class.getName());

  private final RedisClient client;
  private final TieredCacheConfig config;
  private final String originId;
  private final CircuitBreaker breaker;
  private final CacheCounters counters;
  private final Executor executor;
  private final RedisPayload<V> payload;
  private final Expiration expiration;
  private final InvalidationLog log;
  private final Consumer<List<String>> onRemoteInvalidation;
  private final Runnable onMissedInvalidations;
  private volatile @Nullable RedisTier tier;
  /** Set once L1 has been cleared after a late attach: only then is the tier reported UP. */
  private volatile boolean attached;
  private volatile boolean closed;
  private @Nullable Thread connector;

  /**
   * Connects at once if Redis answers, else starts detached and keeps trying.
   *
   * @param onRemoteInvalidation keys another instance invalidated or put
   * @param onMissedInvalidations called when invalidations may have been missed (the channel came
   *     back after a disconnect, or the tier attached late): L1 must be cleared
   */
  public L2Tier(
      RedisClient client,
      TieredCacheConfig config,
      String originId,
      CircuitBreaker breaker,
      CacheCounters counters,
      Executor executor,
      RedisPayload<V> payload,
      Expiration expiration,
      Consumer<List<String>> onRemoteInvalidation,
      Runnable onMissedInvalidations) {
    this.client = client;
    this.config = config;
    this.originId = originId;
    this.breaker = breaker;
    this.counters = counters;
    this.executor = executor;
    this.payload = payload;
    this.expiration = expiration;
    this.log = new InvalidationLog(config.name(), config.maxPendingInvalidations());
    this.onRemoteInvalidation = onRemoteInvalidation;
    this.onMissedInvalidations = onMissedInvalidations;
    try {
      this.tier = connect();
      this.attached = true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING,
          "cache {0}: Redis unreachable at start ({1}); serving from L1 and the loader, retrying every {2}",
          config.name(), e.getMessage(), config.l2ConnectRetry());
      Thread t = Thread.ofPlatform().daemon().name("hotpath-cache-" + config.name() + "-connect")
          .unstarted(this::keepConnecting);
      this.connector = t;
      t.start();
    }
  }

  private RedisTier connect() {
    return new RedisTier(client, config.name(), originId, config.l2CommandTimeout(),
        this::receiveInvalidation, this::missedInvalidations);
  }

  private void keepConnecting() {
    while (!closed) {
      try {
        Thread.sleep(config.l2ConnectRetry());
        RedisTier t = connect();
        if (closed) {
          t.close();
          return;
        }
        tier = t; // first, so nothing loaded from here on is cleared without reason
        missedInvalidations();
        attached = true;
        LOG.log(Level.INFO, "cache {0}: Redis reachable; L2 attached, L1 cleared", config.name());
        return;
      } catch (InterruptedException e) {
        return; // closed
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "cache {0}: Redis still unreachable: {1}", config.name(), e.getMessage());
      }
    }
  }

  private void receiveInvalidation(List<String> keys) {
    counters.invalidationsReceived.add(keys.size());
    onRemoteInvalidation.accept(keys);
  }

  private void missedInvalidations() {
    onMissedInvalidations.run();
    replay();
  }

  /** The health of the tier. */
  public L2Status status() {
    if (!attached) {
      return L2Status.CONNECTING;
    }
    CircuitBreaker.State s = breaker.state();
    return s == CircuitBreaker.State.OPEN || s == CircuitBreaker.State.FORCED_OPEN ? L2Status.DOWN : L2Status.UP;
  }

  /** The connection to use for {@code key}, or {@code null} when reads of it must bypass Redis. */
  public @Nullable RedisTier forRead(String key) {
    RedisTier t = tier;
    return t == null || log.isPending(key) ? null : t;
  }

  /** GET: the entry, or {@code null} on a miss or a failure (counted). */
  public @Nullable L1Entry<V> get(RedisTier t, String key) {
    byte[] found = call(() -> t.get(key));
    if (found == null) {
      counters.l2Misses.increment();
      return null;
    }
    return hit(found);
  }

  /** Counts an L2 hit and decodes it. */
  public L1Entry<V> hit(byte[] found) {
    counters.l2Hits.increment();
    Scope.count("cache.hit", 1);
    return payload.decode(found);
  }

  /** Polls Redis for the value another instance is loading under its lease, up to leaseWait. */
  public @Nullable L1Entry<V> awaitOtherLoad(RedisTier t, String key) {
    long waitNanos = config.leaseWait().toNanos();
    long deadline = System.nanoTime() + waitNanos;
    long pauseMillis = Math.max(1, Math.min(waitNanos / 10, 5_000_000L) / 1_000_000L);
    while (System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      byte[] found = call(() -> t.get(key));
      if (found != null) {
        return hit(found);
      }
    }
    return null;
  }

  /** Stores {@code entry} under {@code token}'s lease; a refusal means an invalidation won. */
  public void fill(RedisTier t, String key, String token, L1Entry<V> entry) {
    CompletableFuture<Boolean> f = fillAsync(t, key, token, entry);
    if (f != null) {
      settleFill(f);
    }
  }

  /** Starts a fill (pipelined in batches); {@code null} when there is nothing to store. */
  public @Nullable CompletableFuture<Boolean> fillAsync(RedisTier t, String key, String token, L1Entry<V> entry) {
    byte[] bytes = payload.encode(entry);
    return bytes == null ? null : guarded(() -> t.fill(key, token, bytes, expiration.l2Ttl(entry)));
  }

  /** Waits for a fill and counts a refusal. */
  public void settleFill(CompletableFuture<Boolean> fill) {
    if (Boolean.FALSE.equals(join(fill))) {
      counters.fillsRefused.increment(); // invalidated (or the lease lapsed) while loading
    }
  }

  /** Deletes {@code keys} in Redis and tells other instances; logged for replay when it fails. */
  public void invalidate(List<String> keys) {
    RedisTier t = tier;
    if (t == null) {
      log.failed(keys);
      return;
    }
    send(keys, guarded(() -> t.invalidate(keys)));
  }

  /** Write-through of a put: the value to Redis, its key to other instances. */
  public void put(String key, L1Entry<V> entry) {
    RedisTier t = tier;
    byte[] bytes = payload.encode(entry);
    if (t == null || bytes == null) {
      log.failed(List.of(key));
      return;
    }
    send(List.of(key), guarded(() -> t.put(key, bytes, expiration.l2Ttl(entry))));
  }

  private void send(List<String> keys, CompletableFuture<Void> done) {
    try {
      done.join();
      log.settled(keys);
      if (!log.isEmpty()) {
        replay(); // Redis answers again: settle what failed earlier
      }
    } catch (CompletionException | CancellationException e) {
      join(done); // counts the error
      log.failed(keys);
    }
  }

  private void replay() {
    RedisTier t = tier;
    if (t == null || log.isEmpty()) {
      return;
    }
    List<String> batch = log.snapshot();
    // Off the Lettuce event loop: never block it on a command of its own connection.
    executor.execute(() -> {
      try {
        t.invalidate(batch).join();
        log.settled(batch);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "cache {0}: replaying invalidations failed: {1}", config.name(), e.toString());
      }
    });
  }

  /** Runs one command through the breaker; on any failure returns null (counted). */
  public <T> @Nullable T call(Supplier<CompletableFuture<T>> command) {
    return join(guarded(command));
  }

  /** Starts one command through the breaker. */
  public <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> command) {
    return breaker.callAsync(command).toCompletableFuture();
  }

  /** The command's result, or {@code null} if it failed or was refused (counted either way). */
  public <T> @Nullable T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException | CancellationException e) {
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

  @Override
  public void close() {
    closed = true;
    Thread t = connector;
    if (t != null) {
      t.interrupt();
    }
    RedisTier r = tier;
    if (r != null) {
      r.close();
    }
  }
}
