package dev.hotpath.db;

import dev.hotpath.db.internal.KeyHash;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rendezvous (highest random weight) hashing over named, weighted shards: every shard scores the
 * key and the highest score wins, with the weighted score {@code -weight / ln(u)} (Schindelhauer
 * and Schomaker) so a shard of weight 2 gets twice the keys. Adding a shard moves only the keys it
 * now wins (its share of the total weight); removing one moves only its keys. Spread is as even as
 * the hash; a lookup costs one hash per shard, fine for tens of shards. Immutable, thread-safe.
 *
 * <pre>{@code
 * RendezvousRouter r = RendezvousRouter.weighted(Map.of("big", 2, "small", 1));
 * }</pre>
 */
public final class RendezvousRouter implements ShardRouter {
  private final List<String> names;
  private final long[] seeds;
  private final double[] weights;

  private RendezvousRouter(List<String> names, long[] seeds, double[] weights) {
    this.names = names;
    this.seeds = seeds;
    this.weights = weights;
  }

  /** Equal-weight shards {@code names}. */
  public static RendezvousRouter of(List<String> names) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    names.forEach(n -> weights.put(n, 1));
    if (weights.size() != names.size()) {
      throw new IllegalArgumentException("shard names must be unique, were " + names);
    }
    return weighted(weights);
  }

  /** Shards with relative weights (1 to 1,000); iteration order gives the shard indexes. */
  public static RendezvousRouter weighted(Map<String, Integer> weights) {
    ShardRouters.checkCount(weights.size());
    List<String> names = List.copyOf(weights.keySet());
    long[] seeds = new long[names.size()];
    double[] w = new double[names.size()];
    int[] given = weights.values().stream().mapToInt(Integer::intValue).toArray();
    for (int i = 0; i < names.size(); i++) {
      int weight = given[i];
      if (weight < 1 || weight > 1000) {
        throw new IllegalArgumentException(
            "weight of " + names.get(i) + " must be in [1, 1000], was " + weight);
      }
      seeds[i] = KeyHash.hash(names.get(i));
      w[i] = weight;
    }
    return new RendezvousRouter(names, seeds, w);
  }

  @Override
  public int shardFor(long key) {
    long k = KeyHash.mix(key);
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < seeds.length; i++) {
      double u = KeyHash.unit(KeyHash.mix(k ^ seeds[i]));
      double score = -weights[i] / Math.log(u);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  @Override
  public int shardCount() {
    return names.size();
  }

  /** The name of shard {@code index}. */
  public String shardName(int index) {
    return names.get(index);
  }

  @Override
  public String toString() {
    return "RendezvousRouter" + names;
  }
}
