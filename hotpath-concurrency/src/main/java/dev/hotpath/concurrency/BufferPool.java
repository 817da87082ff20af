package dev.hotpath.concurrency;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reusable {@link ByteBuffer}s in power-of-two size classes, heap or direct; one bounded {@link
 * ObjectPool} per class. Direct buffers are expensive to allocate and are freed only by the GC, so
 * pooling them matters most.
 *
 * <p>{@link #acquire(int)} returns a buffer whose capacity is the smallest class that fits, with
 * position 0 and limit set to the requested size. {@link #release(ByteBuffer)} takes back the
 * buffer {@code acquire} returned (not a slice or duplicate of it) and clears it. Requests larger
 * than {@link BufferPoolConfig#maxBufferSize()} get an unpooled buffer, which release ignores.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * BufferPool buffers = BufferPool.create(BufferPoolConfig.builder().direct(true).build());
 * ByteBuffer buf = buffers.acquire(8 * 1024);
 * try {
 *   channel.read(buf);
 * } finally {
 *   buffers.release(buf);
 * }
 * }</pre>
 */
public final class BufferPool {
  private final BufferPoolConfig config;
  private final int minShift;
  private final List<ObjectPool<ByteBuffer>> classes;

  private BufferPool(BufferPoolConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.minShift = Integer.numberOfTrailingZeros(config.minBufferSize());
    int count = Integer.numberOfTrailingZeros(config.maxBufferSize()) - minShift + 1;
    List<ObjectPool<ByteBuffer>> list = new ArrayList<>(count);
    ObjectPoolConfig perClass =
        ObjectPoolConfig.builder()
            .maxIdle(config.maxIdlePerClass())
            .maxIdlePerThread(config.maxIdlePerClassPerThread())
            .trackLeaks(config.trackLeaks())
            .build();
    for (int i = 0; i < count; i++) {
      int size = config.minBufferSize() << i;
      String name = (config.direct() ? "direct-" : "heap-") + size;
      list.add(ObjectPool.create(name, perClass, () -> allocate(size), ByteBuffer::clear));
    }
    this.classes = List.copyOf(list);
  }

  /** A buffer pool with {@code config}. */
  public static BufferPool create(BufferPoolConfig config) {
    return new BufferPool(config);
  }

  /** This pool's settings. */
  public BufferPoolConfig config() {
    return config;
  }

  private ByteBuffer allocate(int size) {
    return config.direct() ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
  }

  /** The size class (capacity) that {@link #acquire(int)} would return for {@code size} bytes. */
  public int sizeClassFor(int size) {
    if (size <= config.minBufferSize()) {
      return config.minBufferSize();
    }
    return Integer.highestOneBit(size - 1) << 1;
  }

  /**
   * A cleared buffer of at least {@code size} bytes: position 0, limit {@code size}, capacity the
   * size class.
   *
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public ByteBuffer acquire(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, was " + size);
    }
    if (size > config.maxBufferSize()) {
      return allocate(size); // unpooled: bigger than the largest class
    }
    ByteBuffer buffer = classes.get(indexOf(sizeClassFor(size))).borrow();
    buffer.limit(size);
    return buffer;
  }

  /**
   * Clears {@code buffer} and keeps it for reuse; buffers larger than the largest class are left to
   * the GC.
   *
   * @throws IllegalArgumentException if the buffer cannot have come from this pool (heap vs direct,
   *     or a capacity that is not a size class)
   * @throws IllegalStateException in leak-tracking mode, if it is not currently acquired
   */
  public void release(ByteBuffer buffer) {
    Objects.requireNonNull(buffer, "buffer");
    int capacity = buffer.capacity();
    if (capacity > config.maxBufferSize()) {
      return;
    }
    if (buffer.isDirect() != config.direct()
        || capacity < config.minBufferSize()
        || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException(
          "buffer (capacity " + capacity + ", " + (buffer.isDirect() ? "direct" : "heap")
              + ") did not come from this " + (config.direct() ? "direct" : "heap")
              + " pool; release the buffer acquire() returned, not a slice or duplicate");
    }
    classes.get(indexOf(capacity)).release(buffer);
  }

  private int indexOf(int sizeClass) {
    return Integer.numberOfTrailingZeros(sizeClass) - minShift;
  }

  /** The counters of each size class, smallest first. */
  public List<ObjectPoolStats> stats() {
    return classes.stream().map(ObjectPool::stats).toList();
  }
}
