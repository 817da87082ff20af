package dev.hotpath.db;

import dev.hotpath.db.internal.KeyHash;

/**
 * The guide's {@code hash(key) % n}. Even spread, but <strong>hostile to resharding</strong>:
 * going from {@code n} to {@code n + 1} shards moves about {@code n / (n + 1)} of all keys (80% from
 * 4 to 5), where a consistent strategy ({@link JumpHashRouter}, {@link RingRouter}, {@link
 * RendezvousRouter}) moves only the {@code 1 / (n + 1)} that must. Kept for comparison and for
 * fixed shard counts. Immutable, thread-safe.
 *
 * <pre>{@code
 * ShardRouter router = ModuloRouter.of(4);
 * }</pre>
 */
public final class ModuloRouter implements ShardRouter {
  private final int shards;

  private ModuloRouter(int shards) {
    this.shards = shards;
  }

  /** A router over {@code shards} shards (1 to 1,000,000). */
  public static ModuloRouter of(int shards) {
    ShardRouters.checkCount(shards);
    return new ModuloRouter(shards);
  }

  @Override
  public int shardFor(long key) {
    return (int) Long.remainderUnsigned(KeyHash.mix(key), shards);
  }

  @Override
  public int shardCount() {
    return shards;
  }

  @Override
  public String toString() {
    return "ModuloRouter[" + shards + "]";
  }
}
