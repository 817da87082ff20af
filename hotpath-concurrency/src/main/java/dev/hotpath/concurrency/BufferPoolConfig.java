package dev.hotpath.concurrency;

import static dev.hotpath.metrics.ConfigChecks.inRange;
import static dev.hotpath.metrics.ConfigChecks.require;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of a {@link BufferPool}. A bad value throws {@link
 * IllegalArgumentException} from {@link Builder#build()} naming the setting, the value and the
 * allowed range. Thread-safe (immutable).
 *
 * <pre>{@code
 * BufferPoolConfig config = BufferPoolConfig.builder().direct(true).maxBufferSize(64 * 1024).build();
 * }</pre>
 */
public final class BufferPoolConfig {
  private static final int MAX_SIZE = 1 << 30;

  private static final BufferPoolConfig DEFAULTS = builder().build();

  private final int minBufferSize;
  private final int maxBufferSize;
  private final boolean direct;
  private final int maxIdlePerClass;
  private final int maxIdlePerClassPerThread;
  private final boolean trackLeaks;

  private BufferPoolConfig(Builder b) {
    this.minBufferSize = b.minBufferSize;
    this.maxBufferSize = b.maxBufferSize;
    this.direct = b.direct;
    this.maxIdlePerClass = b.maxIdlePerClass;
    this.maxIdlePerClassPerThread = b.maxIdlePerClassPerThread;
    this.trackLeaks = b.trackLeaks;
  }

  /** Defaults: heap buffers from 512 B to 1 MiB, 64 idle per size class, 2 per thread, no leak tracking. */
  public static BufferPoolConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code base}'s values, to change some of them. */
  public static Builder from(BufferPoolConfig base) {
    return new Builder(base);
  }

  /** The smallest size class in bytes, a power of two in [16, 2^30]. */
  public int minBufferSize() {
    return minBufferSize;
  }

  /** The largest size class in bytes, a power of two in [minBufferSize, 2^30]; larger requests get an unpooled buffer. */
  public int maxBufferSize() {
    return maxBufferSize;
  }

  /** Whether buffers are direct (off-heap, for channel I/O) or heap. */
  public boolean direct() {
    return direct;
  }

  /** Idle buffers kept per size class in the shared store, 1 to {@value ObjectPoolConfig#MAX_IDLE}. */
  public int maxIdlePerClass() {
    return maxIdlePerClass;
  }

  /** Idle buffers per size class each platform thread keeps, 0 to {@value ObjectPoolConfig#MAX_IDLE_PER_THREAD}. */
  public int maxIdlePerClassPerThread() {
    return maxIdlePerClassPerThread;
  }

  /** Report buffers never released (debug; see {@link ObjectPoolConfig#trackLeaks()}). */
  public boolean trackLeaks() {
    return trackLeaks;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof BufferPoolConfig o)) {
      return false;
    }
    return minBufferSize == o.minBufferSize
        && maxBufferSize == o.maxBufferSize
        && direct == o.direct
        && maxIdlePerClass == o.maxIdlePerClass
        && maxIdlePerClassPerThread == o.maxIdlePerClassPerThread
        && trackLeaks == o.trackLeaks;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        minBufferSize,
        maxBufferSize,
        direct,
        maxIdlePerClass,
        maxIdlePerClassPerThread,
        trackLeaks);
  }

  @Override
  public String toString() {
    return "BufferPoolConfig{"
        + "minBufferSize=" + minBufferSize
        + ", maxBufferSize=" + maxBufferSize
        + ", direct=" + direct
        + ", maxIdlePerClass=" + maxIdlePerClass
        + ", maxIdlePerClassPerThread=" + maxIdlePerClassPerThread
        + ", trackLeaks=" + trackLeaks
        + "}";
  }

  /** Builds a {@link BufferPoolConfig}; {@link #build()} validates every setting. Not thread-safe. */
  public static final class Builder {
    private int minBufferSize = 512;
    private int maxBufferSize = 1 << 20;
    private boolean direct = false;
    private int maxIdlePerClass = 64;
    private int maxIdlePerClassPerThread = 2;
    private boolean trackLeaks = false;

    private Builder() {}

    private Builder(BufferPoolConfig base) {
      this.minBufferSize = base.minBufferSize;
      this.maxBufferSize = base.maxBufferSize;
      this.direct = base.direct;
      this.maxIdlePerClass = base.maxIdlePerClass;
      this.maxIdlePerClassPerThread = base.maxIdlePerClassPerThread;
      this.trackLeaks = base.trackLeaks;
    }

    /** See {@link BufferPoolConfig#minBufferSize()}. */
    public Builder minBufferSize(int value) {
      this.minBufferSize = value;
      return this;
    }

    /** See {@link BufferPoolConfig#maxBufferSize()}. */
    public Builder maxBufferSize(int value) {
      this.maxBufferSize = value;
      return this;
    }

    /** See {@link BufferPoolConfig#direct()}. */
    public Builder direct(boolean value) {
      this.direct = value;
      return this;
    }

    /** See {@link BufferPoolConfig#maxIdlePerClass()}. */
    public Builder maxIdlePerClass(int value) {
      this.maxIdlePerClass = value;
      return this;
    }

    /** See {@link BufferPoolConfig#maxIdlePerClassPerThread()}. */
    public Builder maxIdlePerClassPerThread(int value) {
      this.maxIdlePerClassPerThread = value;
      return this;
    }

    /** See {@link BufferPoolConfig#trackLeaks()}. */
    public Builder trackLeaks(boolean value) {
      this.trackLeaks = value;
      return this;
    }

    /**
     * Validates every setting and how they relate, and builds the config.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public BufferPoolConfig build() {
      require(minBufferSize >= 16 && minBufferSize <= MAX_SIZE && Integer.bitCount(minBufferSize) == 1,
          "BufferPoolConfig.minBufferSize", "a power of two in [16, 2^30]", minBufferSize);
      require(maxBufferSize >= minBufferSize && maxBufferSize <= MAX_SIZE && Integer.bitCount(maxBufferSize) == 1,
          "BufferPoolConfig.maxBufferSize", "a power of two in [minBufferSize=" + minBufferSize + ", 2^30]", maxBufferSize);
      inRange("BufferPoolConfig.maxIdlePerClass", maxIdlePerClass, 1, ObjectPoolConfig.MAX_IDLE);
      inRange("BufferPoolConfig.maxIdlePerClassPerThread", maxIdlePerClassPerThread, 0, ObjectPoolConfig.MAX_IDLE_PER_THREAD);
      return new BufferPoolConfig(this);
    }
  }
}
