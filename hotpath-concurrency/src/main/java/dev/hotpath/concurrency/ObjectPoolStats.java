package dev.hotpath.concurrency;

/**
 * Cumulative counters of an {@link ObjectPool}. Immutable.
 *
 * <p>{@code borrowed - reused} is how many objects the pool had to create; a high ratio means the
 * pool is too small or objects are not released.
 *
 * @param borrowed borrows served
 * @param reused borrows served from an idle object rather than the factory
 * @param released objects given back
 * @param dropped released objects discarded because the pool was full
 * @param idleShared idle objects in the shared store now (thread-local caches are not counted)
 * @param leaked objects reported as never released (leak tracking only; else 0)
 */
public record ObjectPoolStats(
    long borrowed, long reused, long released, long dropped, int idleShared, long leaked) {

  /** Objects the factory created. */
  public long created() {
    return borrowed - reused;
  }
}
