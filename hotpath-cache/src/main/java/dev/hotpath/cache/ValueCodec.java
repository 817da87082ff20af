package dev.hotpath.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Serializes values for the Redis tier (L2): JSON through Jackson ({@code json(...)}: needs
 * {@code jackson-databind} on your class or module path, an optional dependency of this module),
 * or {@link #bytes()} and {@link #strings()}, which store values as they are. Implementations
 * must be thread-safe.
 *
 * <pre>{@code
 * ValueCodec<User> codec = ValueCodec.json(User.class);
 * ValueCodec<List<Order>> orders = ValueCodec.json(new TypeReference<List<Order>>() {});
 * }</pre>
 */
@SuppressWarnings("exports") // Jackson types in json(...) are the point; its users bring Jackson
public interface ValueCodec<V> {

  /** The value's bytes. */
  byte[] encode(V value);

  /** The value that {@link #encode} turned into {@code bytes}. */
  V decode(byte[] bytes);

  /** JSON through a default {@link ObjectMapper}. */
  static <V> ValueCodec<V> json(Class<V> type) {
    ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    return json(mapper, mapper.constructType(type));
  }

  /** JSON of a generic type through a default {@link ObjectMapper}. */
  static <V> ValueCodec<V> json(TypeReference<V> type) {
    ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    return json(mapper, mapper.constructType(type));
  }

  /** JSON through the caller's configured {@code mapper}; {@code type} must describe {@code V}. */
  static <V> ValueCodec<V> json(ObjectMapper mapper, JavaType type) {
    Objects.requireNonNull(mapper, "mapper");
    Objects.requireNonNull(type, "type");
    return new ValueCodec<>() {
      @Override
      public byte[] encode(V value) {
        try {
          return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public V decode(byte[] bytes) {
        try {
          return mapper.readValue(bytes, type);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /** Values that are byte arrays, stored as they are. */
  static ValueCodec<byte[]> bytes() {
    return new ValueCodec<>() {
      @Override
      public byte[] encode(byte[] value) {
        return value;
      }

      @Override
      public byte[] decode(byte[] bytes) {
        return bytes;
      }
    };
  }

  /** Strings in UTF-8. */
  static ValueCodec<String> strings() {
    return new ValueCodec<>() {
      @Override
      public byte[] encode(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
      }
    };
  }
}
