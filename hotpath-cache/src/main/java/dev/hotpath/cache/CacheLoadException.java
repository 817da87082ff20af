package dev.hotpath.cache;

/**
 * Thrown by {@link TieredCache} when the loader failed (or was refused by the loader bulkhead); the
 * cause is the loader's exception. Nothing is cached for a failed load, so the next read retries.
 */
public final class CacheLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Wraps the loader's failure for {@code key}. */
  public CacheLoadException(String key, Throwable cause) {
    super("loading cache key '" + key + "' failed: " + cause, cause);
  }
}
