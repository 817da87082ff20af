package dev.hotpath.db;

/** Shared argument checks of the routers. */
final class ShardRouters {
  static final int MAX_SHARDS = 1_000_000;

  private ShardRouters() {}

  static void checkCount(int shards) {
    if (shards < 1 || shards > MAX_SHARDS) {
      throw new IllegalArgumentException("shards must be in [1, " + MAX_SHARDS + "], was " + shards);
    }
  }
}
