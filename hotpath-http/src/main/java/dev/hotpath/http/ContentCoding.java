package dev.hotpath.http;

import dev.hotpath.http.internal.ZstdSupport;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP content coding that {@link CompressionFilter} can apply to a response body (RFC 9110
 * section 8.4.1).
 *
 * <p>{@link #GZIP} and {@link #DEFLATE} use the JDK's zlib; {@link #ZSTD} uses zstd-jni and is
 * {@linkplain #isAvailable() available} only when zstd-jni is on the class path and its native
 * library loads. Immutable and thread-safe.
 *
 * <pre>{@code
 * if (ContentCoding.ZSTD.isAvailable()) { ... }
 * ContentCoding.fromToken("x-gzip"); // GZIP
 * }</pre>
 */
public enum ContentCoding {
  /** {@code gzip}: DEFLATE in the gzip container (RFC 1952). */
  GZIP("gzip"),
  /** {@code deflate}: DEFLATE in the zlib container (RFC 1950), as HTTP defines it. */
  DEFLATE("deflate"),
  /** {@code zstd}: Zstandard (RFC 8878), through zstd-jni. */
  ZSTD("zstd");

  private final String token;

  ContentCoding(String token) {
    this.token = token;
  }

  /** The token used in {@code Accept-Encoding} and {@code Content-Encoding}. */
  public String token() {
    return token;
  }

  /** Whether this coding can be used in this JVM (zstd needs zstd-jni and its native library). */
  public boolean isAvailable() {
    return this != ZSTD || ZstdSupport.isAvailable();
  }

  /**
   * The coding named by {@code token} (case-insensitive; {@code x-gzip} is {@code gzip}, as RFC
   * 9110 asks), or {@code null} for any other token, {@code identity} and {@code *} included.
   */
  public static @Nullable ContentCoding fromToken(String token) {
    return switch (token.toLowerCase(Locale.ROOT)) {
      case "gzip", "x-gzip" -> GZIP;
      case "deflate" -> DEFLATE;
      case "zstd" -> ZSTD;
      default -> null;
    };
  }
}
