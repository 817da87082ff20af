package dev.hotpath.db;

import dev.hotpath.db.internal.KeyHash;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A consistent-hash ring with virtual nodes (ketama-style) over named shards: each shard owns
 * {@code virtualNodes × weight} points on a 64-bit ring and a key goes to the first point at or
 * after its hash. Adding or removing a shard moves only the keys of the arcs it gains or loses
 * (about {@code 1 / (n + 1)} when adding one), and shards can be added or removed anywhere, not
 * only at the end. The spread is uneven by roughly {@code 1 / sqrt(virtualNodes)} (±8% at the
 * default 160); use {@link RendezvousRouter} or {@link JumpHashRouter} when that matters.
 *
 * <p>{@link #shardFor} returns the shard's index in the list given at construction. Immutable,
 * thread-safe; a lookup is a binary search.
 *
 * <pre>{@code
 * RingRouter ring = RingRouter.of(List.of("pg-a", "pg-b", "pg-c"), 160);
 * String name = ring.shardName(ring.shardFor(customerId));
 * }</pre>
 */
public final class RingRouter implements ShardRouter {
  private final List<String> names;
  private final long[] points;
  private final int[] owners;

  private RingRouter(List<String> names, long[] points, int[] owners) {
    this.names = names;
    this.points = points;
    this.owners = owners;
  }

  /** A ring of {@code names}, each with {@code virtualNodes} points (1 to 10,000). */
  public static RingRouter of(List<String> names, int virtualNodes) {
    Map<String, Integer> weights = new java.util.LinkedHashMap<>();
    names.forEach(n -> weights.put(n, 1));
    if (weights.size() != names.size()) {
      throw new IllegalArgumentException("shard names must be unique, were " + names);
    }
    return weighted(weights, virtualNodes);
  }

  /**
   * A ring where shard {@code name} gets {@code virtualNodes × weight} points; iteration order of
   * {@code weights} gives the shard indexes.
   */
  public static RingRouter weighted(Map<String, Integer> weights, int virtualNodes) {
    ShardRouters.checkCount(weights.size());
    if (virtualNodes < 1 || virtualNodes > 10_000) {
      throw new IllegalArgumentException("virtualNodes must be in [1, 10000], was " + virtualNodes);
    }
    List<String> names = List.copyOf(weights.keySet());
    int[] w8 = weights.values().stream().mapToInt(Integer::intValue).toArray();
    int total = 0;
    for (int s = 0; s < names.size(); s++) {
      String name = names.get(s);
      int w = w8[s];
      if (w < 1 || w > 100) {
        throw new IllegalArgumentException("weight of " + name + " must be in [1, 100], was " + w);
      }
      total += w * virtualNodes;
    }
    long[] keyed = new long[total];
    int[] owner = new int[total];
    int p = 0;
    for (int s = 0; s < names.size(); s++) {
      String name = names.get(s);
      for (int v = 0; v < w8[s] * virtualNodes; v++) {
        keyed[p] = KeyHash.hash(name + "#" + v);
        owner[p] = s;
        p++;
      }
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(keyed[a], keyed[b]));
    long[] points = new long[total];
    int[] owners = new int[total];
    for (int i = 0; i < total; i++) {
      points[i] = keyed[order[i]];
      owners[i] = owner[order[i]];
    }
    return new RingRouter(names, points, owners);
  }

  @Override
  public int shardFor(long key) {
    long h = KeyHash.mix(key);
    int i = Arrays.binarySearch(points, h);
    if (i < 0) {
      i = -i - 1;
    }
    return owners[i == points.length ? 0 : i];
  }

  @Override
  public int shardCount() {
    return names.size();
  }

  /** The name of shard {@code index}. */
  public String shardName(int index) {
    return names.get(index);
  }

  /** The shard names, in index order. */
  public List<String> shardNames() {
    return names;
  }

  @Override
  public String toString() {
    return "RingRouter" + names + "[" + points.length + " points]";
  }
}
