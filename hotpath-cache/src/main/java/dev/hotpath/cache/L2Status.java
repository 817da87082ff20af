package dev.hotpath.cache;

/**
 * The state of a {@link TieredCache}'s Redis tier, as its health: anything but {@link #UP} and
 * {@link #NOT_CONFIGURED} means the cache is <em>degraded</em> (serving from L1 and the loader).
 */
public enum L2Status {
  /** Built without Redis: L1 and the loader by design. */
  NOT_CONFIGURED,
  /**
   * Redis could not be reached when the cache was built; it runs on L1 and the loader and keeps
   * trying to connect ({@code l2ConnectRetry}).
   */
  CONNECTING,
  /** Connected, and the breaker lets commands through. */
  UP,
  /** Connected, but the breaker is open: Redis failed recently and is not being called. */
  DOWN;

  /** Whether the cache runs without the Redis tier it was configured with. */
  public boolean degraded() {
    return this == CONNECTING || this == DOWN;
  }
}
