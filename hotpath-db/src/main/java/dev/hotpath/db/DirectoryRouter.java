package dev.hotpath.db;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Directory sharding: a lookup table from key to shard, so single keys (a big tenant) can be moved
 * or pinned one by one; keys not in the table go to a fallback router, or are refused. The table
 * is in memory here; load it from (and keep it in) a small replicated table in production.
 *
 * <p>Thread-safe: {@link #assign} may run while other threads route.
 *
 * <pre>{@code
 * DirectoryRouter dir = DirectoryRouter.withFallback(JumpHashRouter.of(4));
 * dir.assign(42L, 3);          // tenant 42 gets shard 3 to itself
 * }</pre>
 */
public final class DirectoryRouter implements ShardRouter {
  private final Map<Long, Integer> table = new ConcurrentHashMap<>();
  private final int shards;
  private final @Nullable ShardRouter fallback;

  private DirectoryRouter(int shards, @Nullable ShardRouter fallback) {
    this.shards = shards;
    this.fallback = fallback;
  }

  /** A directory over {@code shards} shards that refuses keys it has no entry for. */
  public static DirectoryRouter strict(int shards, Map<Long, Integer> entries) {
    ShardRouters.checkCount(shards);
    DirectoryRouter d = new DirectoryRouter(shards, null);
    entries.forEach(d::assign);
    return d;
  }

  /** A directory over {@code fallback}'s shards that routes unknown keys with {@code fallback}. */
  public static DirectoryRouter withFallback(ShardRouter fallback) {
    Objects.requireNonNull(fallback, "fallback");
    return new DirectoryRouter(fallback.shardCount(), fallback);
  }

  /** Routes {@code key} to {@code shard} from now on. */
  public void assign(long key, int shard) {
    if (shard < 0 || shard >= shards) {
      throw new IllegalArgumentException(
          "shard for key " + key + " must be in [0, " + (shards - 1) + "], was " + shard);
    }
    table.put(key, shard);
  }

  /** Forgets the entry of {@code key}; it goes to the fallback again. */
  public void unassign(long key) {
    table.remove(key);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException for a key without entry and no fallback
   */
  @Override
  public int shardFor(long key) {
    Integer shard = table.get(key);
    if (shard != null) {
      return shard;
    }
    if (fallback == null) {
      throw new IllegalArgumentException(
          "key " + key + " has no entry in the shard directory; assign(key, shard) it first");
    }
    return fallback.shardFor(key);
  }

  @Override
  public int shardCount() {
    return shards;
  }

  @Override
  public String toString() {
    return "DirectoryRouter[" + table.size() + " entries, fallback=" + fallback + "]";
  }
}
