package dev.hotpath.bench.concurrency;

import dev.hotpath.concurrency.BufferPool;
import dev.hotpath.concurrency.BufferPoolConfig;
import dev.hotpath.concurrency.ObjectPool;
import dev.hotpath.concurrency.ObjectPoolConfig;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Borrow a 4 KiB buffer, write 64 bytes, give it back: hotpath's {@link ObjectPool} (thread-local
 * fast path on, and off) against a fresh allocation and Commons Pool2's {@link GenericObjectPool};
 * and {@link BufferPool} (direct) against {@code ByteBuffer.allocateDirect}. Run with {@code -prof
 * gc}: the allocation rate is the point of pooling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@SuppressWarnings("NullAway.Init") // fields are set in the @Setup method
public class ObjectPoolBenchmark {
  static final int SIZE = 4096;

  private ObjectPool<byte[]> hotpath;
  private ObjectPool<byte[]> hotpathShared;
  private GenericObjectPool<byte[]> commons;
  private BufferPool buffers;

  @Setup(Level.Trial)
  public void setUp() {
    hotpath = ObjectPool.create("bench", ObjectPoolConfig.builder().maxIdle(64).build(), () -> new byte[SIZE], b -> {});
    hotpathShared =
        ObjectPool.create(
            "bench-shared", ObjectPoolConfig.builder().maxIdle(64).maxIdlePerThread(0).build(), () -> new byte[SIZE], b -> {});
    GenericObjectPoolConfig<byte[]> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(64);
    config.setMaxIdle(64);
    config.setJmxEnabled(false);
    commons =
        new GenericObjectPool<>(
            new BasePooledObjectFactory<>() {
              @Override
              public byte[] create() {
                return new byte[SIZE];
              }

              @Override
              public PooledObject<byte[]> wrap(byte[] obj) {
                return new DefaultPooledObject<>(obj);
              }
            },
            config);
    buffers = BufferPool.create(BufferPoolConfig.builder().direct(true).build());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    commons.close();
  }

  private static int use(byte[] b) {
    for (int i = 0; i < 64; i++) {
      b[i] = (byte) i;
    }
    return b[63];
  }

  private static int use(ByteBuffer b) {
    for (int i = 0; i < 64; i++) {
      b.put(i, (byte) i);
    }
    return b.get(63);
  }

  @Benchmark
  @Threads(1)
  public int allocate1() {
    return use(new byte[SIZE]);
  }

  @Benchmark
  @Threads(1)
  public int objectPool1() {
    byte[] b = hotpath.borrow();
    try {
      return use(b);
    } finally {
      hotpath.release(b);
    }
  }

  @Benchmark
  @Threads(1)
  public int objectPoolSharedOnly1() {
    byte[] b = hotpathShared.borrow();
    try {
      return use(b);
    } finally {
      hotpathShared.release(b);
    }
  }

  @Benchmark
  @Threads(1)
  public int commonsPool1() throws Exception {
    byte[] b = commons.borrowObject();
    try {
      return use(b);
    } finally {
      commons.returnObject(b);
    }
  }

  @Benchmark
  @Threads(2)
  public int allocate2() {
    return use(new byte[SIZE]);
  }

  @Benchmark
  @Threads(2)
  public int objectPool2() {
    byte[] b = hotpath.borrow();
    try {
      return use(b);
    } finally {
      hotpath.release(b);
    }
  }

  @Benchmark
  @Threads(2)
  public int objectPoolSharedOnly2() {
    byte[] b = hotpathShared.borrow();
    try {
      return use(b);
    } finally {
      hotpathShared.release(b);
    }
  }

  @Benchmark
  @Threads(2)
  public int commonsPool2() throws Exception {
    byte[] b = commons.borrowObject();
    try {
      return use(b);
    } finally {
      commons.returnObject(b);
    }
  }

  @Benchmark
  @Threads(1)
  public int allocateDirect1() {
    return use(ByteBuffer.allocateDirect(SIZE));
  }

  @Benchmark
  @Threads(1)
  public int bufferPoolDirect1() {
    ByteBuffer b = buffers.acquire(SIZE);
    try {
      return use(b);
    } finally {
      buffers.release(b);
    }
  }
}
