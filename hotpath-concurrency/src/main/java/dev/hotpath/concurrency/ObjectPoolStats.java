package dev.hotpath.concurrency;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Cumulative counters of an {@link ObjectPool}. Immutable; built by the pool (new counters may be
 * added without breaking callers).
 *
 * <p>{@code borrowed - reused} is how many objects the pool had to create; a high ratio means the
 * pool keeps too few idle objects ({@link ObjectPoolConfig#maxIdle()}) or objects are not released.
 *
 * <pre>{@code
 * ObjectPoolStats s = pool.stats();
 * double reuse = (double) s.reused() / s.borrowed();
 * }</pre>
 */
public final class ObjectPoolStats {
  private final long borrowed;
  private final long reused;
  private final long released;
  private final long dropped;
  private final int idleShared;
  private final long leaked;

  ObjectPoolStats(long borrowed, long reused, long released, long dropped, int idleShared, long leaked) {
    this.borrowed = borrowed;
    this.reused = reused;
    this.released = released;
    this.dropped = dropped;
    this.idleShared = idleShared;
    this.leaked = leaked;
  }

  /** Borrows served. */
  public long borrowed() {
    return borrowed;
  }

  /** Borrows served from an idle object rather than the factory. */
  public long reused() {
    return reused;
  }

  /** Objects given back. */
  public long released() {
    return released;
  }

  /** Released objects discarded because the pool already kept its {@code maxIdle}. */
  public long dropped() {
    return dropped;
  }

  /** Idle objects in the shared store now (thread-local caches are not counted). */
  public int idleShared() {
    return idleShared;
  }

  /** Objects reported as never released (leak tracking only; else 0). */
  public long leaked() {
    return leaked;
  }

  /** Objects the factory created. */
  public long created() {
    return borrowed - reused;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ObjectPoolStats o)) {
      return false;
    }
    return borrowed == o.borrowed
        && reused == o.reused
        && released == o.released
        && dropped == o.dropped
        && idleShared == o.idleShared
        && leaked == o.leaked;
  }

  @Override
  public int hashCode() {
    return Objects.hash(borrowed, reused, released, dropped, idleShared, leaked);
  }

  @Override
  public String toString() {
    return "ObjectPoolStats["
        + "borrowed=" + borrowed
        + ", reused=" + reused
        + ", released=" + released
        + ", dropped=" + dropped
        + ", idleShared=" + idleShared
        + ", leaked=" + leaked
        + "]";
  }
}
