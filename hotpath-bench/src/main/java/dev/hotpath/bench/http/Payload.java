package dev.hotpath.bench.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/** The body both benchmarks compress, and a response stub whose body goes nowhere. */
final class Payload {
  /** Bytes written per call, as a servlet writing through an 8 KiB buffer would. */
  static final int CHUNK = 8192;

  private Payload() {}

  /** A JSON array of user records, about {@code size} bytes: typical API output (compresses ~6-8x). */
  static byte[] json(int size) {
    Random random = new Random(7);
    StringBuilder sb = new StringBuilder(size + 256).append('[');
    for (int i = 0; sb.length() < size; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"id\":").append(100_000 + i)
          .append(",\"name\":\"user-").append(Integer.toHexString(random.nextInt()))
          .append("\",\"email\":\"u").append(random.nextInt(1_000_000)).append("@example.com\"")
          .append(",\"balance\":").append(random.nextInt(1_000_000) / 100.0)
          .append(",\"active\":").append(random.nextBoolean())
          .append(",\"tags\":[\"").append(random.nextBoolean() ? "gold" : "silver").append("\",\"eu\"]}");
    }
    return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Counts and drops what is written. */
  static final class Sink extends ServletOutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      throw new UnsupportedOperationException();
    }

    long take() {
      long c = count;
      count = 0;
      return c;
    }
  }

  /** A 200 application/json response writing into {@code sink}; headers are dropped. */
  static HttpServletResponse response(Sink sink) {
    return (HttpServletResponse) Proxy.newProxyInstance(
        Payload.class.getClassLoader(),
        new Class<?>[] {HttpServletResponse.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getOutputStream" -> sink;
          case "getStatus" -> 200;
          case "getContentType" -> "application/json";
          case "getCharacterEncoding" -> "UTF-8";
          case "getHeaders", "getHeaderNames" -> List.of();
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "stub response";
          default -> defaultValue(method.getReturnType());
        });
  }

  private static @Nullable Object defaultValue(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    return null;
  }
}
