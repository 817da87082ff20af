package dev.hotpath.cache;

import java.util.Objects;
import java.util.function.Function;

/**
 * Turns cache keys into the strings used as Redis keys and invalidation messages, and back.
 * {@code decode(encode(k))} must equal {@code k}: an invalidation received from another instance
 * names the key as a string and must find the same L1 entry.
 *
 * <p>Implementations must be thread-safe and cheap. Example: {@code KeyCodec.longs()}, or
 * {@code KeyCodec.of(UserId::toString, UserId::parse)}.
 */
public interface KeyCodec<K> {

  /** The key as a string (no particular alphabet is required). */
  String encode(K key);

  /** The key that {@link #encode} turned into {@code text}. */
  K decode(String text);

  /** Keys that are already strings. */
  static KeyCodec<String> strings() {
    return of(Function.identity(), Function.identity());
  }

  /** {@code Long} keys in decimal. */
  static KeyCodec<Long> longs() {
    return of(String::valueOf, Long::valueOf);
  }

  /** A codec from two functions that must be inverses of each other. */
  static <K> KeyCodec<K> of(Function<? super K, String> encoder, Function<String, ? extends K> decoder) {
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(decoder, "decoder");
    return new KeyCodec<>() {
      @Override
      public String encode(K key) {
        return encoder.apply(key);
      }

      @Override
      public K decode(String text) {
        return decoder.apply(text);
      }
    };
  }
}
