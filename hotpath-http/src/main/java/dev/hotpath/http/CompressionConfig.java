package dev.hotpath.http;

import static dev.hotpath.http.internal.Checks.requireRange;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of {@link CompressionFilter}: which codings to offer and in what order, their levels,
 * the size below which bodies are left alone, and the content types that are already compressed.
 *
 * <p>Immutable and validated: a bad value throws {@link IllegalArgumentException} naming the
 * setting, the value and the allowed range. Thread-safe.
 *
 * <pre>{@code
 * CompressionConfig config = CompressionConfig.builder()
 *     .minBytes(1024)
 *     .gzipLevel(5)
 *     .codings(ContentCoding.ZSTD, ContentCoding.GZIP)
 *     .build();
 * }</pre>
 *
 * @param codings codings to offer, most preferred first (a coding that is not {@linkplain
 *     ContentCoding#isAvailable() available} at run time is skipped)
 * @param minBytes bodies shorter than this go out uncompressed: below about a kilobyte the coding's
 *     header and the CPU cost outweigh the saving
 * @param gzipLevel zlib level for gzip and deflate, 1 (fastest) to 9 (smallest)
 * @param zstdLevel zstd level, 1 to 19 (higher levels need much more memory)
 * @param bufferSize the compressor's output buffer in bytes
 * @param excludedContentTypes media types never compressed, lower case; {@code type/*} matches a
 *     whole top-level type
 */
public record CompressionConfig(
    List<ContentCoding> codings,
    int minBytes,
    int gzipLevel,
    int zstdLevel,
    int bufferSize,
    Set<String> excludedContentTypes) {

  /** Formats whose bodies are already compressed: compressing them again costs CPU and saves nothing. */
  public static final Set<String> ALREADY_COMPRESSED =
      Set.of(
          "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/heic",
          "video/*", "audio/*", "font/woff", "font/woff2",
          "application/zip", "application/gzip", "application/x-gzip", "application/zstd",
          "application/x-bzip2", "application/x-xz", "application/x-7z-compressed",
          "application/x-rar-compressed", "application/pdf", "application/wasm-gzip");

  /** Validates and copies. */
  public CompressionConfig {
    codings = List.copyOf(codings);
    if (codings.isEmpty()) {
      throw new IllegalArgumentException("codings must name at least one of " + EnumSet.allOf(ContentCoding.class) + ", was []");
    }
    if (EnumSet.copyOf(codings).size() != codings.size()) {
      throw new IllegalArgumentException("codings must not repeat a coding, was " + codings);
    }
    requireRange("minBytes", minBytes, 0, 1 << 20);
    requireRange("gzipLevel", gzipLevel, 1, 9);
    requireRange("zstdLevel", zstdLevel, 1, 19);
    requireRange("bufferSize", bufferSize, 512, 1 << 20);
    for (String type : excludedContentTypes) {
      if (!type.equals(type.toLowerCase(Locale.ROOT)) || type.indexOf('/') <= 0 || type.indexOf(';') >= 0) {
        throw new IllegalArgumentException(
            "excludedContentTypes must hold lower-case media types without parameters (type/subtype or type/*), was '" + type + "'");
      }
    }
    excludedContentTypes = Set.copyOf(excludedContentTypes);
  }


  /** zstd (when available), gzip, deflate; 1 KiB threshold; gzip 6, zstd 3; already-compressed types excluded. */
  public static CompressionConfig ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(CompressionConfig base) {
    Builder b = new Builder();
    b.codings = new ArrayList<>(base.codings);
    b.minBytes = base.minBytes;
    b.gzipLevel = base.gzipLevel;
    b.zstdLevel = base.zstdLevel;
    b.bufferSize = base.bufferSize;
    b.excludedContentTypes = base.excludedContentTypes;
    return b;
  }

  /**
   * Whether a response of {@code contentType} (a {@code Content-Type} value, parameters allowed)
   * may be compressed: it must be present and not excluded.
   */
  public boolean isCompressible(String contentType) {
    int semi = contentType.indexOf(';');
    String mime = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    int slash = mime.indexOf('/');
    if (slash <= 0) {
      return false;
    }
    return !excludedContentTypes.contains(mime) && !excludedContentTypes.contains(mime.substring(0, slash) + "/*");
  }

  /** Builds a {@link CompressionConfig}; not thread-safe. */
  public static final class Builder {
    private List<ContentCoding> codings = List.of(ContentCoding.ZSTD, ContentCoding.GZIP, ContentCoding.DEFLATE);
    private int minBytes = 1024;
    private int gzipLevel = 6;
    private int zstdLevel = 3;
    private int bufferSize = 8192;
    private Set<String> excludedContentTypes = ALREADY_COMPRESSED;

    private Builder() {}

    /** Codings to offer, most preferred first. */
    public Builder codings(ContentCoding... codings) {
      this.codings = List.of(codings);
      return this;
    }

    /** Bodies shorter than this many bytes are not compressed; 0 to 1 MiB, default 1024. */
    public Builder minBytes(int minBytes) {
      this.minBytes = minBytes;
      return this;
    }

    /** zlib level for gzip and deflate, 1 to 9, default 6. */
    public Builder gzipLevel(int gzipLevel) {
      this.gzipLevel = gzipLevel;
      return this;
    }

    /** zstd level, 1 to 19, default 3. */
    public Builder zstdLevel(int zstdLevel) {
      this.zstdLevel = zstdLevel;
      return this;
    }

    /** The compressor's output buffer, 512 B to 1 MiB, default 8192. */
    public Builder bufferSize(int bufferSize) {
      this.bufferSize = bufferSize;
      return this;
    }

    /** Media types never compressed (replaces the default {@link #ALREADY_COMPRESSED}). */
    public Builder excludedContentTypes(Set<String> excludedContentTypes) {
      this.excludedContentTypes = Objects.requireNonNull(excludedContentTypes, "excludedContentTypes");
      return this;
    }

    /** Validates and builds. */
    public CompressionConfig build() {
      return new CompressionConfig(codings, minBytes, gzipLevel, zstdLevel, bufferSize, excludedContentTypes);
    }
  }
}
