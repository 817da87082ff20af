package dev.hotpath.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hash strategies that can be built from a shard count alone, as named on the command line
 * ({@code --strategy jump}). Named strategies get shards {@code shard-0 .. shard-(n-1)}, so {@code
 * n} and {@code n + 1} shards share their first {@code n} names.
 */
public enum ShardStrategy {
  /** {@link ModuloRouter}: hostile to resharding. */
  MODULO,
  /** {@link JumpHashRouter}. */
  JUMP,
  /** {@link RingRouter} with 160 virtual nodes per shard. */
  RING,
  /** {@link RendezvousRouter}, equal weights. */
  RENDEZVOUS;

  /** Virtual nodes per shard of {@link #RING}. */
  public static final int RING_VIRTUAL_NODES = 160;

  /** A router of this strategy over {@code shards} shards. */
  public ShardRouter router(int shards) {
    return switch (this) {
      case MODULO -> ModuloRouter.of(shards);
      case JUMP -> JumpHashRouter.of(shards);
      case RING -> RingRouter.of(names(shards), RING_VIRTUAL_NODES);
      case RENDEZVOUS -> RendezvousRouter.of(names(shards));
    };
  }

  /** The lower-case name used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The strategy named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static ShardStrategy parse(String name) {
    for (ShardStrategy s : values()) {
      if (s.name().equalsIgnoreCase(name.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown strategy '" + name + "'; use one of modulo, jump, ring, rendezvous");
  }

  private static List<String> names(int shards) {
    ShardRouters.checkCount(shards);
    List<String> names = new ArrayList<>(shards);
    for (int i = 0; i < shards; i++) {
      names.add("shard-" + i);
    }
    return names;
  }
}
