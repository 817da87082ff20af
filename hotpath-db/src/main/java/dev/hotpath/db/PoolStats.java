package dev.hotpath.db;

/**
 * A moment's view of a pool.
 *
 * @param active connections lent out
 * @param idle connections open and free
 * @param pending threads waiting for a connection
 * @param total connections open
 * @param maxOpen the configured maximum
 */
public record PoolStats(int active, int idle, int pending, int total, int maxOpen) {
  @Override
  public String toString() {
    return "active=" + active + " idle=" + idle + " pending=" + pending + " total=" + total
        + " maxOpen=" + maxOpen;
  }
}
