package dev.hotpath.cache.internal;

import dev.hotpath.cache.Tier;
import org.jspecify.annotations.Nullable;

/**
 * A finished load on its way to L1 and to its callers: the value, or {@code null} for a remembered
 * absence, the tier it came from and what its load cost. L1 stores the value alone (see
 * {@link L1Tier}); this object lives on the miss path only.
 *
 * <p>Equality is identity on purpose: a caller served a stale entry is told so by identity with
 * the entry it started from.
 */
public final class L1Entry<V> {
  private final @Nullable V value;
  private final long loadNanos;
  private final Tier source;

  /**
   * @param value the value, {@code null} for a negative entry
   * @param loadNanos how long the load that produced the value took (0 when not loaded here)
   * @param source the tier the value came from (L1 for a {@code put} or a stale entry)
   */
  public L1Entry(@Nullable V value, long loadNanos, Tier source) {
    this.value = value;
    this.loadNanos = loadNanos;
    this.source = source;
  }

  public @Nullable V value() {
    return value;
  }

  public long loadNanos() {
    return loadNanos;
  }

  public Tier source() {
    return source;
  }
}
