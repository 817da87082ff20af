package dev.hotpath.cache;

/** Which tier of a {@link TieredCache} answered a read (see {@link TieredCache#lookup}). */
public enum Tier {
  /** The in-process cache (Caffeine). */
  L1,
  /** Redis, shared by every instance. */
  L2,
  /** The loader: the source of truth. */
  L3
}
