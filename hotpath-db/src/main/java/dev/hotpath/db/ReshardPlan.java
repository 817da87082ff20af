package dev.hotpath.db;

import java.util.Locale;

/**
 * How many keys change shard when going from {@code from} to {@code to} shards with one strategy:
 * keys {@code 0 .. keys-1} are routed by both routers and compared. The {@code idealFraction}
 * {@code |to - from| / max(from, to)} is the least any strategy can move while staying balanced.
 *
 * <pre>{@code
 * ReshardPlan plan = ReshardPlan.compute(ShardStrategy.JUMP, 4, 5, 1_000_000);
 * plan.movedFraction();   // ~0.20, where MODULO gives ~0.80
 * }</pre>
 *
 * @param strategy the strategy compared
 * @param from shards before
 * @param to shards after
 * @param keys keys routed
 * @param moved keys whose shard differs
 */
public record ReshardPlan(ShardStrategy strategy, int from, int to, long keys, long moved) {

  /**
   * Routes {@code keys} keys with {@code from} and with {@code to} shards and counts the moves.
   *
   * @throws IllegalArgumentException for shard counts outside [1, 1000000] or keys outside [1,
   *     1000000000]
   */
  public static ReshardPlan compute(ShardStrategy strategy, int from, int to, long keys) {
    if (keys < 1 || keys > 1_000_000_000L) {
      throw new IllegalArgumentException("keys must be in [1, 1000000000], was " + keys);
    }
    ShardRouter before = strategy.router(from);
    ShardRouter after = strategy.router(to);
    long moved = 0;
    for (long k = 0; k < keys; k++) {
      if (before.shardFor(k) != after.shardFor(k)) {
        moved++;
      }
    }
    return new ReshardPlan(strategy, from, to, keys, moved);
  }

  /** {@code moved / keys}. */
  public double movedFraction() {
    return (double) moved / keys;
  }

  /** The least fraction any balanced strategy must move: {@code |to - from| / max(from, to)}. */
  public double idealFraction() {
    return (double) Math.abs(to - from) / Math.max(from, to);
  }

  /** {@code jump 4 -> 5 shards, 1000000 keys: 200421 move (20.04%), ideal 20.00%}. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s %d -> %d shards, %d keys: %d move (%.2f%%), ideal %.2f%%",
        strategy.cliName(),
        from,
        to,
        keys,
        moved,
        movedFraction() * 100,
        idealFraction() * 100);
  }
}
