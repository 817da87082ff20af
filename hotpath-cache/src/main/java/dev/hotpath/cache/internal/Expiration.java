package dev.hotpath.cache.internal;

import dev.hotpath.cache.Tier;
import dev.hotpath.metrics.Ticker;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * TTLs of new entries: the L1 and L2 lives with jitter (avalanche), the negative TTL
 * (penetration), and the XFetch horizon before which early refresh is not even considered.
 */
public final class Expiration {
  /** -ln(p) for the smallest early-refresh probability worth a look: e^-20 ~ 2e-9. */
  private static final double XFETCH_HORIZON = 20;

  private final Ticker ticker;
  private final long l1TtlNanos;
  private final long l2TtlNanos;
  private final long negativeTtlNanos;
  private final double jitter;
  private final boolean l1Jitter;
  private final double beta;

  public Expiration(
      Ticker ticker, Duration l1Ttl, Duration l2Ttl, Duration negativeTtl, double jitter, boolean l1Jitter,
      double beta) {
    this.ticker = ticker;
    this.l1TtlNanos = l1Ttl.toNanos();
    this.l2TtlNanos = l2Ttl.toNanos();
    this.negativeTtlNanos = negativeTtl.toNanos();
    this.jitter = jitter;
    this.l1Jitter = l1Jitter;
    this.beta = beta;
  }

  /** A new L1 entry for {@code value} ({@code null}: absent) from {@code source}, {@code loadNanos} to load. */
  public <V> L1Entry<V> entry(@Nullable V value, long loadNanos, Tier source) {
    long ttl = value == null ? negativeTtlNanos : l1Jitter ? jittered(l1TtlNanos) : l1TtlNanos;
    long deadline = ticker.read() + ttl;
    long horizon = deadline - (long) Math.min(Long.MAX_VALUE / 4.0, XFETCH_HORIZON * beta * loadNanos);
    return new L1Entry<>(value, deadline, horizon, loadNanos, source);
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
