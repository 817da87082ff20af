package dev.hotpath.db;

import java.util.Arrays;

/**
 * Range sharding on the raw key (no hashing): shard {@code i} holds keys from {@code bounds[i-1]}
 * (inclusive) to {@code bounds[i]} (exclusive); shard 0 everything below {@code bounds[0]}, the
 * last shard everything from the last bound up. Keeps neighbouring keys together (range scans hit
 * one shard) at the price of hot spots when new keys are monotonic. Immutable, thread-safe.
 *
 * <pre>{@code
 * RangeRouter r = RangeRouter.ofBounds(1_000, 2_000);   // [..1000) [1000..2000) [2000..]
 * }</pre>
 */
public final class RangeRouter implements ShardRouter {
  private final long[] bounds;

  private RangeRouter(long[] bounds) {
    this.bounds = bounds;
  }

  /** Shards split at {@code bounds}, which must be strictly increasing; {@code n} bounds give {@code n + 1} shards. */
  public static RangeRouter ofBounds(long... bounds) {
    long[] copy = bounds.clone();
    for (int i = 1; i < copy.length; i++) {
      if (copy[i] <= copy[i - 1]) {
        throw new IllegalArgumentException(
            "bounds must be strictly increasing, were " + Arrays.toString(copy));
      }
    }
    ShardRouters.checkCount(copy.length + 1);
    return new RangeRouter(copy);
  }

  /** {@code shards} equal ranges over {@code [min, maxExclusive)}. */
  public static RangeRouter evenly(long min, long maxExclusive, int shards) {
    ShardRouters.checkCount(shards);
    if (maxExclusive - min < shards) {
      throw new IllegalArgumentException(
          "range [" + min + ", " + maxExclusive + ") is too small for " + shards + " shards");
    }
    long[] bounds = new long[shards - 1];
    double width = (double) (maxExclusive - min) / shards;
    for (int i = 1; i < shards; i++) {
      bounds[i - 1] = min + (long) Math.floor(width * i);
    }
    return ofBounds(bounds);
  }

  @Override
  public int shardFor(long key) {
    int i = Arrays.binarySearch(bounds, key);
    return i >= 0 ? i + 1 : -i - 1;
  }

  @Override
  public int shardCount() {
    return bounds.length + 1;
  }

  @Override
  public String toString() {
    return "RangeRouter" + Arrays.toString(bounds);
  }
}
