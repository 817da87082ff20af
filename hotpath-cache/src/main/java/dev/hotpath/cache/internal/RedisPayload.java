package dev.hotpath.cache.internal;

import dev.hotpath.cache.Tier;
import dev.hotpath.cache.ValueCodec;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * How an entry is stored in Redis: one header byte, {@link #PRESENT} followed by the codec's
 * bytes, or {@link #ABSENT} alone for a remembered absence (negative entry).
 */
public final class RedisPayload<V> {
  /** Header byte of a stored value. */
  static final byte PRESENT = 1;
  /** Header byte (and whole payload) of a negative entry. */
  static final byte ABSENT = 0;

  private final ValueCodec<V> codec;
  private final Expiration expiration;

  public RedisPayload(ValueCodec<V> codec, Expiration expiration) {
    this.codec = codec;
    this.expiration = expiration;
  }

  /** The bytes of {@code entry}, or {@code null} for an absence when negative caching is off. */
  public byte @Nullable [] encode(L1Entry<V> entry) {
    V value = entry.value();
    if (value == null) {
      return expiration.negativeCaching() ? new byte[] {ABSENT} : null;
    }
    byte[] body = codec.encode(value);
    byte[] payload = new byte[body.length + 1];
    payload[0] = PRESENT;
    System.arraycopy(body, 0, payload, 1, body.length);
    return payload;
  }

  /** A fresh L1 entry for bytes read from Redis. */
  public L1Entry<V> decode(byte[] payload) {
    if (payload.length == 0 || payload[0] == ABSENT) {
      return expiration.entry(null, 0, Tier.L2);
    }
    return expiration.entry(codec.decode(Arrays.copyOfRange(payload, 1, payload.length)), 0, Tier.L2);
  }
}
