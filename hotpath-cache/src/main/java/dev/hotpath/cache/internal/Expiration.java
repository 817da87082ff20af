package dev.hotpath.cache.internal;

import dev.hotpath.cache.Tier;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * TTLs of new entries: the L1 and L2 lives with jitter (avalanche) and the negative TTL
 * (penetration).
 */
public final class Expiration {
  private final long l1TtlNanos;
  private final long l2TtlNanos;
  private final long negativeTtlNanos;
  private final double jitter;
  private final boolean l1Jitter;

  public Expiration(Duration l1Ttl, Duration l2Ttl, Duration negativeTtl, double jitter, boolean l1Jitter) {
    this.l1TtlNanos = l1Ttl.toNanos();
    this.l2TtlNanos = l2Ttl.toNanos();
    this.negativeTtlNanos = negativeTtl.toNanos();
    this.jitter = jitter;
    this.l1Jitter = l1Jitter;
  }

  /** A new entry for {@code value} ({@code null}: absent) from {@code source}, {@code loadNanos} to load. */
  public <V> L1Entry<V> entry(@Nullable V value, long loadNanos, Tier source) {
    return new L1Entry<>(value, loadNanos, source);
  }

  /** The L1 life of a new entry: the negative TTL for an absence, else {@code l1Ttl} (jittered unless l1Jitter is off). */
  public long l1TtlNanos(boolean absent) {
    return absent ? negativeTtlNanos : l1Jitter ? jittered(l1TtlNanos) : l1TtlNanos;
  }

  public long negativeTtlNanos() {
    return negativeTtlNanos;
  }

  /** Whether absent keys are remembered at all. */
  public boolean negativeCaching() {
    return negativeTtlNanos != 0;
  }

  /** The Redis TTL of {@code entry}: the negative TTL, or the jittered L2 TTL. */
  public Duration l2Ttl(L1Entry<?> entry) {
    return Duration.ofNanos(entry.value() == null ? negativeTtlNanos : jittered(l2TtlNanos));
  }

  /** A TTL shortened by a random fraction in [0, jitter): jitter never lengthens a TTL. */
  public long jittered(long ttlNanos) {
    if (jitter == 0) {
      return ttlNanos;
    }
    return ttlNanos - (long) (ttlNanos * jitter * ThreadLocalRandom.current().nextDouble());
  }
}
