package dev.hotpath.db;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A moment's view of a {@link Pool}. Immutable; built by the pool (new figures may be added without
 * breaking callers).
 *
 * <pre>{@code
 * PoolStats s = pool.stats();
 * if (s.pending() > 0 && s.active() == s.maxOpen()) log.warn("pool saturated: " + s);
 * }</pre>
 */
public final class PoolStats {
  private final int active;
  private final int idle;
  private final int pending;
  private final int total;
  private final int maxOpen;

  PoolStats(int active, int idle, int pending, int total, int maxOpen) {
    this.active = active;
    this.idle = idle;
    this.pending = pending;
    this.total = total;
    this.maxOpen = maxOpen;
  }

  /** Connections lent out. */
  public int active() {
    return active;
  }

  /** Connections open and free. */
  public int idle() {
    return idle;
  }

  /** Threads waiting for a connection. */
  public int pending() {
    return pending;
  }

  /** Connections open. */
  public int total() {
    return total;
  }

  /** The configured maximum. */
  public int maxOpen() {
    return maxOpen;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof PoolStats o)) {
      return false;
    }
    return active == o.active
        && idle == o.idle
        && pending == o.pending
        && total == o.total
        && maxOpen == o.maxOpen;
  }

  @Override
  public int hashCode() {
    return Objects.hash(active, idle, pending, total, maxOpen);
  }

  @Override
  public String toString() {
    return "active=" + active + " idle=" + idle + " pending=" + pending + " total=" + total
        + " maxOpen=" + maxOpen;
  }
}
