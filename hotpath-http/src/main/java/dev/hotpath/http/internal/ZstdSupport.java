package dev.hotpath.http.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The only class that touches zstd-jni, an optional dependency: it is loaded lazily, so a JVM
 * without zstd-jni never resolves {@code com.github.luben.zstd} and simply does without zstd.
 */
public final class ZstdSupport {
  private ZstdSupport() {}

  /** True when zstd-jni is on the class path and its native library loaded. */
  public static boolean isAvailable() {
    return Probe.AVAILABLE;
  }

  /** A zstd compressing stream at {@code level} over {@code out}; closing it closes {@code out}. */
  public static OutputStream open(OutputStream out, int level) throws IOException {
    return Codec.open(out, level);
  }

  private static final class Probe {
    static final boolean AVAILABLE = probe();

    private static boolean probe() {
      try {
        Class.forName("com.github.luben.zstd.ZstdOutputStreamNoFinalizer", false, ZstdSupport.class.getClassLoader());
        return Codec.nativeLoaded();
      } catch (ClassNotFoundException | LinkageError e) {
        return false; // not on the class path, or no native library for this platform
      }
    }
  }

  /** Loaded only after {@link Probe} found zstd-jni. */
  private static final class Codec {
    static boolean nativeLoaded() {
      com.github.luben.zstd.util.Native.load();
      return com.github.luben.zstd.util.Native.isLoaded();
    }

    static OutputStream open(OutputStream out, int level) throws IOException {
      // NoFinalizer: we always close the stream, and finalizers are deprecated. The recycling pool
      // reuses the ~128 KiB output buffer that each stream would otherwise allocate per response.
      com.github.luben.zstd.ZstdOutputStreamNoFinalizer zstd =
          new com.github.luben.zstd.ZstdOutputStreamNoFinalizer(out, com.github.luben.zstd.RecyclingBufferPool.INSTANCE);
      zstd.setLevel(level);
      return zstd;
    }
  }
}
