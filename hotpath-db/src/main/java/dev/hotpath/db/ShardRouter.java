package dev.hotpath.db;

import dev.hotpath.db.internal.KeyHash;

/**
 * Maps a shard key to a shard number in {@code [0, shardCount())}. Implementations: {@link
 * ModuloRouter} (the guide's {@code hash % n}; avoid), {@link JumpHashRouter}, {@link RingRouter},
 * {@link RendezvousRouter}, {@link RangeRouter}, {@link DirectoryRouter}.
 *
 * <p>Implementations are immutable (except {@link DirectoryRouter}, whose table can change) and
 * thread-safe, and map a key to the same shard on every JVM.
 *
 * <pre>{@code
 * ShardRouter router = JumpHashRouter.of(4);
 * int shard = router.shardFor(userId);
 * int byName = router.shardFor(ShardRouter.hash("tenant-acme"));
 * }</pre>
 */
public interface ShardRouter {
  /** The shard for {@code key}, in {@code [0, shardCount())}. */
  int shardFor(long key);

  /** How many shards this router spreads keys over. */
  int shardCount();

  /** A stable, well-mixed 64-bit key for a string shard key (same on every JVM and release). */
  static long hash(String key) {
    return KeyHash.hash(key);
  }
}
