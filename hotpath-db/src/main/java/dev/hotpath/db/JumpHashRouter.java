package dev.hotpath.db;

import dev.hotpath.db.internal.KeyHash;

/**
 * Jump consistent hash (Lamping and Veach, 2014, as in Guava's {@code Hashing.consistentHash}):
 * numbered shards {@code 0..n-1}, no memory, an even spread, and when going from {@code n} to
 * {@code n + 1} shards exactly the keys that must move (about {@code 1 / (n + 1)}) move, all to the
 * new shard. Shards can only be added or removed at the end. Immutable, thread-safe.
 *
 * <pre>{@code
 * int shard = JumpHashRouter.of(5).shardFor(orderId);
 * }</pre>
 */
public final class JumpHashRouter implements ShardRouter {
  private final int shards;

  private JumpHashRouter(int shards) {
    this.shards = shards;
  }

  /** A router over {@code shards} numbered shards (1 to 1,000,000). */
  public static JumpHashRouter of(int shards) {
    ShardRouters.checkCount(shards);
    return new JumpHashRouter(shards);
  }

  @Override
  public int shardFor(long key) {
    // The paper's loop: a linear congruential generator decides, for each bucket count, whether
    // the key jumps forward; the expected number of iterations is ln(n).
    long k = KeyHash.mix(key);
    long b = -1;
    long j = 0;
    while (j < shards) {
      b = j;
      k = k * 2862933555777941757L + 1;
      j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((k >>> 33) + 1)));
    }
    return (int) b;
  }

  @Override
  public int shardCount() {
    return shards;
  }

  @Override
  public String toString() {
    return "JumpHashRouter[" + shards + "]";
  }
}
