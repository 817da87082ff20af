package dev.hotpath.concurrency;

/**
 * Immutable, validated settings of a {@link BufferPool}. A bad value throws {@link
 * IllegalArgumentException} naming the setting, the value and the allowed range.
 *
 * <pre>{@code
 * BufferPoolConfig config = BufferPoolConfig.builder().direct(true).maxBufferSize(64 * 1024).build();
 * }</pre>
 *
 * @param minBufferSize the smallest size class in bytes, a power of two in [16, 2^30]
 * @param maxBufferSize the largest size class in bytes, a power of two in [minBufferSize, 2^30];
 *     larger requests get an unpooled buffer
 * @param direct whether buffers are direct (off-heap, for channel I/O) or heap
 * @param buffersPerClass idle buffers kept per size class in the shared store, 1..1,048,576
 * @param threadLocalBuffersPerClass idle buffers per size class each platform thread keeps, 0..64
 * @param trackLeaks report buffers never released (debug; see {@link ObjectPoolConfig#trackLeaks()})
 */
public record BufferPoolConfig(
    int minBufferSize,
    int maxBufferSize,
    boolean direct,
    int buffersPerClass,
    int threadLocalBuffersPerClass,
    boolean trackLeaks) {

  private static final int MAX_SIZE = 1 << 30;

  /** Validates every setting. */
  public BufferPoolConfig {
    if (minBufferSize < 16 || minBufferSize > MAX_SIZE || Integer.bitCount(minBufferSize) != 1) {
      throw new IllegalArgumentException(
          "minBufferSize must be a power of two in [16, 2^30], was " + minBufferSize);
    }
    if (maxBufferSize < minBufferSize
        || maxBufferSize > MAX_SIZE
        || Integer.bitCount(maxBufferSize) != 1) {
      throw new IllegalArgumentException(
          "maxBufferSize must be a power of two in [minBufferSize=" + minBufferSize
              + ", 2^30], was " + maxBufferSize);
    }
    if (buffersPerClass < 1 || buffersPerClass > ObjectPoolConfig.MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "buffersPerClass must be in [1, " + ObjectPoolConfig.MAX_CAPACITY + "], was "
              + buffersPerClass);
    }
    if (threadLocalBuffersPerClass < 0
        || threadLocalBuffersPerClass > ObjectPoolConfig.MAX_THREAD_LOCAL_CAPACITY) {
      throw new IllegalArgumentException(
          "threadLocalBuffersPerClass must be in [0, " + ObjectPoolConfig.MAX_THREAD_LOCAL_CAPACITY
              + "], was " + threadLocalBuffersPerClass);
    }
  }

  /** Defaults: heap buffers from 512 B to 1 MiB, 64 idle per class, 2 per thread, no leak tracking. */
  public static BufferPoolConfig ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link BufferPoolConfig}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private int minBufferSize = 512;
    private int maxBufferSize = 1 << 20;
    private boolean direct;
    private int buffersPerClass = 64;
    private int threadLocalBuffersPerClass = 2;
    private boolean trackLeaks;

    private Builder() {}

    /** See {@link BufferPoolConfig#minBufferSize()}. */
    public Builder minBufferSize(int minBufferSize) {
      this.minBufferSize = minBufferSize;
      return this;
    }

    /** See {@link BufferPoolConfig#maxBufferSize()}. */
    public Builder maxBufferSize(int maxBufferSize) {
      this.maxBufferSize = maxBufferSize;
      return this;
    }

    /** See {@link BufferPoolConfig#direct()}. */
    public Builder direct(boolean direct) {
      this.direct = direct;
      return this;
    }

    /** See {@link BufferPoolConfig#buffersPerClass()}. */
    public Builder buffersPerClass(int buffersPerClass) {
      this.buffersPerClass = buffersPerClass;
      return this;
    }

    /** See {@link BufferPoolConfig#threadLocalBuffersPerClass()}. */
    public Builder threadLocalBuffersPerClass(int threadLocalBuffersPerClass) {
      this.threadLocalBuffersPerClass = threadLocalBuffersPerClass;
      return this;
    }

    /** See {@link BufferPoolConfig#trackLeaks()}. */
    public Builder trackLeaks(boolean trackLeaks) {
      this.trackLeaks = trackLeaks;
      return this;
    }

    /** Validates and returns the config. */
    public BufferPoolConfig build() {
      return new BufferPoolConfig(
          minBufferSize, maxBufferSize, direct, buffersPerClass, threadLocalBuffersPerClass, trackLeaks);
    }
  }
}
