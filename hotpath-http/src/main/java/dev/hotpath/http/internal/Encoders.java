package dev.hotpath.http.internal;

import dev.hotpath.http.CompressionConfig;
import dev.hotpath.http.ContentCoding;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Opens a compressing stream for a content coding. Every stream flushes with a sync flush, so a
 * response the application flushes (server-sent events, long polls) reaches the client at once;
 * closing a stream finishes the coding, frees its native memory and closes the sink.
 */
public final class Encoders {
  private Encoders() {}

  /** A stream that compresses into {@code sink} with {@code coding} at the configured level. */
  public static OutputStream open(ContentCoding coding, OutputStream sink, CompressionConfig config) throws IOException {
    return switch (coding) {
      case GZIP -> new LeveledGzip(sink, config.bufferSize(), config.gzipLevel());
      case DEFLATE -> new OwnedDeflater(sink, new Deflater(config.gzipLevel()), config.bufferSize());
      case ZSTD -> ZstdSupport.open(sink, config.zstdLevel());
    };
  }

  /** GZIPOutputStream has no level argument; its deflater is protected, so set it before any write. */
  private static final class LeveledGzip extends GZIPOutputStream {
    LeveledGzip(OutputStream out, int size, int level) throws IOException {
      super(out, size, true);
      def.setLevel(level);
    }
  }

  /** DeflaterOutputStream does not end a deflater it was given; this one owns and ends it. */
  private static final class OwnedDeflater extends DeflaterOutputStream {
    OwnedDeflater(OutputStream out, Deflater deflater, int size) {
      super(out, deflater, size, true);
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        def.end();
      }
    }
  }
}
