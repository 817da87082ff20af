package dev.hotpath.cache.internal;

/**
 * Test seams in the load path, so a race (an invalidation landing while a load is in flight) can be
 * staged deterministically instead of by timing luck. Production code uses {@link #NONE}.
 */
public interface FillHooks {
  /** No hooks. */
  FillHooks NONE = new FillHooks() {};

  /** Called after the loader returned for {@code key} and before anything is stored. */
  default void afterLoad(String key) {}
}
