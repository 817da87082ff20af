package dev.hotpath.cache.internal;

import dev.hotpath.cache.CacheLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Everything below L1 for one load: Redis first, then the loader under a fill lease, then the fill
 * (memcache leases: a fill stores only while its token is still the lease, so an invalidation that
 * deleted the lease wins over a load that read the old value).
 */
public final class ReadThrough<K, V> {
  private final @Nullable L2Tier<V> l2;
  private final Source<K, V> source;
  private final CacheCounters counters;
  private final Duration leaseTtl;
  private final boolean exclusive;

  public ReadThrough(
      @Nullable L2Tier<V> l2, Source<K, V> source, CacheCounters counters, Duration leaseTtl, boolean exclusive) {
    this.l2 = l2;
    this.source = source;
    this.counters = counters;
    this.leaseTtl = leaseTtl;
    this.exclusive = exclusive;
  }

  /**
   * The entry of {@code key} from Redis or the loader. With an exclusive lease held by another
   * instance, returns {@code stale} when given (serve-stale-while-revalidate) instead of waiting.
   */
  public L1Entry<V> load(K key, String k, CacheLoader<? super K, ? extends V> loader, @Nullable L1Entry<V> stale) {
    L2Tier<V> l2 = this.l2;
    RedisTier t = l2 == null ? null : l2.forRead(k);
    if (l2 == null || t == null) {
      return source.load(key, k, loader); // no Redis, or its copy may predate a failed invalidation
    }
    L1Entry<V> found = l2.get(t, k);
    if (found != null) {
      return found;
    }
    String token = UUID.randomUUID().toString();
    RedisTier.Lease lease = l2.call(() -> t.lease(k, token, leaseTtl, exclusive));
    if (lease instanceof RedisTier.Lease.Hit hit) {
      return l2.hit(hit.payload());
    }
    if (lease instanceof RedisTier.Lease.HeldByOther) {
      if (stale != null) {
        return stale;
      }
      L1Entry<V> awaited = l2.awaitOtherLoad(t, k);
      if (awaited != null) {
        return awaited;
      }
    }
    L1Entry<V> entry = source.load(key, k, loader);
    if (lease instanceof RedisTier.Lease.Granted) {
      l2.fill(t, k, token, entry);
    }
    return entry;
  }

  /** An early refresh: the loader's value, stored in Redis under a lease taken over the old value. */
  public L1Entry<V> refresh(K key, String k, CacheLoader<? super K, ? extends V> loader) {
    L2Tier<V> l2 = this.l2;
    RedisTier t = l2 == null ? null : l2.forRead(k);
    String token = UUID.randomUUID().toString();
    boolean granted = l2 != null && t != null
        && l2.call(() -> t.leaseForRefresh(k, token, leaseTtl)) instanceof RedisTier.Lease.Granted;
    L1Entry<V> entry = source.load(key, k, loader);
    if (granted && l2 != null && t != null) {
      l2.fill(t, k, token, entry);
    }
    return entry;
  }

  /**
   * Entries for every key of {@code keys} (encoded as {@code ks}): one MGET, the leases of the
   * misses pipelined, one batched load for the rest, the fills pipelined.
   */
  public Map<K, L1Entry<V>> loadAll(List<K> keys, List<String> ks, CacheLoader<? super K, ? extends V> loader) {
    L2Tier<V> l2 = this.l2;
    if (l2 == null) {
      return source.loadAll(keys, ks, loader);
    }
    Map<K, L1Entry<V>> out = new LinkedHashMap<>();
    List<Integer> viaRedis = new ArrayList<>();
    List<Integer> toLoad = new ArrayList<>();
    RedisTier t = null;
    for (int i = 0; i < keys.size(); i++) {
      RedisTier ti = l2.forRead(ks.get(i));
      if (ti == null) {
        toLoad.add(i);
      } else {
        t = ti;
        viaRedis.add(i);
      }
    }
    List<@Nullable String> tokens = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      tokens.add(null);
    }
    if (t != null) {
      RedisTier tier = t;
      List<String> viaKs = new ArrayList<>(viaRedis.size());
      viaRedis.forEach(i -> viaKs.add(ks.get(i)));
      List<byte @Nullable []> found = l2.call(() -> tier.mget(viaKs));
      if (found == null) {
        counters.l2Misses.add(viaRedis.size());
        toLoad.addAll(viaRedis); // Redis unavailable: load everything, store nothing there
      } else {
        List<Integer> missed = new ArrayList<>();
        List<CompletableFuture<RedisTier.Lease>> leases = new ArrayList<>();
        for (int j = 0; j < viaRedis.size(); j++) {
          int i = viaRedis.get(j);
          byte[] payload = found.get(j);
          if (payload != null) {
            out.put(keys.get(i), l2.hit(payload));
            continue;
          }
          counters.l2Misses.increment();
          String token = UUID.randomUUID().toString();
          tokens.set(i, token);
          String k = ks.get(i);
          missed.add(i);
          leases.add(l2.guarded(() -> tier.lease(k, token, leaseTtl, false)));
        }
        for (int j = 0; j < missed.size(); j++) {
          int i = missed.get(j);
          RedisTier.Lease lease = l2.join(leases.get(j));
          if (lease instanceof RedisTier.Lease.Hit hit) {
            out.put(keys.get(i), l2.hit(hit.payload()));
            continue;
          }
          if (!(lease instanceof RedisTier.Lease.Granted)) {
            tokens.set(i, null);
          }
          toLoad.add(i);
        }
      }
    }
    if (toLoad.isEmpty()) {
      return out;
    }
    List<K> loadKeys = new ArrayList<>(toLoad.size());
    List<String> loadKs = new ArrayList<>(toLoad.size());
    toLoad.forEach(i -> {
      loadKeys.add(keys.get(i));
      loadKs.add(ks.get(i));
    });
    Map<K, L1Entry<V>> loaded = source.loadAll(loadKeys, loadKs, loader);
    List<CompletableFuture<Boolean>> fills = new ArrayList<>();
    for (int i : toLoad) {
      L1Entry<V> entry = loaded.get(keys.get(i));
      if (entry == null) {
        continue; // cannot happen: loadAll returns an entry per key
      }
      out.put(keys.get(i), entry);
      String token = tokens.get(i);
      if (token != null && t != null) {
        CompletableFuture<Boolean> fill = l2.fillAsync(t, ks.get(i), token, entry);
        if (fill != null) {
          fills.add(fill);
        }
      }
    }
    fills.forEach(l2::settleFill);
    return out;
  }
}
