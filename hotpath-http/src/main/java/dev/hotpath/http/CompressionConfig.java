package dev.hotpath.http;

import static dev.hotpath.metrics.ConfigChecks.inRange;
import static dev.hotpath.metrics.ConfigChecks.require;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link CompressionFilter}: which codings to offer and in what order, their levels,
 * the size below which bodies are left alone, and the content types that are already compressed.
 *
 * <p>Immutable; {@link Builder#build()} validates every setting once and a bad value throws {@link
 * IllegalArgumentException} naming the setting, the value and the allowed range. Thread-safe.
 *
 * <pre>{@code
 * CompressionConfig config = CompressionConfig.builder()
 *     .minBytes(1024)
 *     .gzipLevel(5)
 *     .codings(ContentCoding.ZSTD, ContentCoding.GZIP)
 *     .build();
 * }</pre>
 */
public final class CompressionConfig {
  /** Formats whose bodies are already compressed: compressing them again costs CPU and saves nothing. */
  public static final Set<String> ALREADY_COMPRESSED =
      Set.of(
          "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/heic",
          "video/*", "audio/*", "font/woff", "font/woff2",
          "application/zip", "application/gzip", "application/x-gzip", "application/zstd",
          "application/x-bzip2", "application/x-xz", "application/x-7z-compressed",
          "application/x-rar-compressed", "application/pdf", "application/wasm-gzip");

  private static final CompressionConfig DEFAULTS = builder().build();

  private final List<ContentCoding> codings;
  private final int minBytes;
  private final int gzipLevel;
  private final int zstdLevel;
  private final int bufferSize;
  private final Set<String> excludedContentTypes;

  private CompressionConfig(Builder b) {
    this.codings = b.codings;
    this.minBytes = b.minBytes;
    this.gzipLevel = b.gzipLevel;
    this.zstdLevel = b.zstdLevel;
    this.bufferSize = b.bufferSize;
    this.excludedContentTypes = Set.copyOf(b.excludedContentTypes);
  }

  /** zstd (when available), gzip, deflate; 1 KiB threshold; gzip 6, zstd 3; 8 KiB buffer; {@link #ALREADY_COMPRESSED} excluded. */
  public static CompressionConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code base}'s values, to change some of them. */
  public static Builder from(CompressionConfig base) {
    return new Builder(base);
  }

  /** Codings to offer, most preferred first (a coding that is not {@linkplain ContentCoding#isAvailable() available} at run time is skipped). */
  public List<ContentCoding> codings() {
    return codings;
  }

  /** Bodies shorter than this go out uncompressed, 0 to 1 MiB: below about a kilobyte the coding’s header and the CPU cost outweigh the saving. */
  public int minBytes() {
    return minBytes;
  }

  /** zlib level for gzip and deflate, 1 (fastest) to 9 (smallest). */
  public int gzipLevel() {
    return gzipLevel;
  }

  /** zstd level, 1 to 19 (higher levels need much more memory). */
  public int zstdLevel() {
    return zstdLevel;
  }

  /** The compressor’s output buffer in bytes, 512 to 1 MiB. */
  public int bufferSize() {
    return bufferSize;
  }

  /** Media types never compressed, lower case; {@code type/*} matches a whole top-level type (the default is {@link #ALREADY_COMPRESSED}). */
  public Set<String> excludedContentTypes() {
    return excludedContentTypes;
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

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof CompressionConfig o)) {
      return false;
    }
    return Objects.equals(codings, o.codings)
        && minBytes == o.minBytes
        && gzipLevel == o.gzipLevel
        && zstdLevel == o.zstdLevel
        && bufferSize == o.bufferSize
        && Objects.equals(excludedContentTypes, o.excludedContentTypes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        codings,
        minBytes,
        gzipLevel,
        zstdLevel,
        bufferSize,
        excludedContentTypes);
  }

  @Override
  public String toString() {
    return "CompressionConfig{"
        + "codings=" + codings
        + ", minBytes=" + minBytes
        + ", gzipLevel=" + gzipLevel
        + ", zstdLevel=" + zstdLevel
        + ", bufferSize=" + bufferSize
        + ", excludedContentTypes=" + excludedContentTypes
        + "}";
  }

  /** Builds a {@link CompressionConfig}; {@link #build()} validates every setting. Not thread-safe. */
  public static final class Builder {
    private List<ContentCoding> codings = List.of(ContentCoding.ZSTD, ContentCoding.GZIP, ContentCoding.DEFLATE);
    private int minBytes = 1024;
    private int gzipLevel = 6;
    private int zstdLevel = 3;
    private int bufferSize = 8192;
    private Set<String> excludedContentTypes = ALREADY_COMPRESSED;

    private Builder() {}

    private Builder(CompressionConfig base) {
      this.codings = base.codings;
      this.minBytes = base.minBytes;
      this.gzipLevel = base.gzipLevel;
      this.zstdLevel = base.zstdLevel;
      this.bufferSize = base.bufferSize;
      this.excludedContentTypes = base.excludedContentTypes;
    }

    /** Codings to offer, most preferred first; see {@link CompressionConfig#codings()}. */
    public Builder codings(ContentCoding... value) {
      this.codings = List.of(value);
      return this;
    }

    /** See {@link CompressionConfig#minBytes()}. */
    public Builder minBytes(int value) {
      this.minBytes = value;
      return this;
    }

    /** See {@link CompressionConfig#gzipLevel()}. */
    public Builder gzipLevel(int value) {
      this.gzipLevel = value;
      return this;
    }

    /** See {@link CompressionConfig#zstdLevel()}. */
    public Builder zstdLevel(int value) {
      this.zstdLevel = value;
      return this;
    }

    /** See {@link CompressionConfig#bufferSize()}. */
    public Builder bufferSize(int value) {
      this.bufferSize = value;
      return this;
    }

    /** See {@link CompressionConfig#excludedContentTypes()}. */
    public Builder excludedContentTypes(Set<String> value) {
      this.excludedContentTypes = Set.copyOf(value);
      return this;
    }

    /**
     * Validates every setting and how they relate, and builds the config.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public CompressionConfig build() {
      require(!codings.isEmpty(), "CompressionConfig.codings", "at least one of " + EnumSet.allOf(ContentCoding.class), codings);
      require(EnumSet.copyOf(codings).size() == codings.size(), "CompressionConfig.codings", "without repeats", codings);
      inRange("CompressionConfig.minBytes", minBytes, 0, 1 << 20);
      inRange("CompressionConfig.gzipLevel", gzipLevel, 1, 9);
      inRange("CompressionConfig.zstdLevel", zstdLevel, 1, 19);
      inRange("CompressionConfig.bufferSize", bufferSize, 512, 1 << 20);
      for (String type : excludedContentTypes) {
        require(type.equals(type.toLowerCase(Locale.ROOT)) && type.indexOf('/') > 0 && type.indexOf(';') < 0,
            "CompressionConfig.excludedContentTypes", "lower-case media types without parameters (type/subtype or type/*)", "'" + type + "'");
      }
      return new CompressionConfig(this);
    }
  }
}
