package dev.hotpath.concurrency;

import static dev.hotpath.metrics.ConfigChecks.require;

import dev.hotpath.concurrency.internal.LeakTracker;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A bounded pool of reusable objects (buffers, encoders, builders) that cuts allocation and GC
 * pressure on hot paths: {@link #borrow()} hands out an idle object or a new one, {@link
 * #release(Object)} resets it and keeps it for the next borrower.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Bounded memory: at most {@link ObjectPoolConfig#maxIdle()} idle objects in the shared
 *       store plus {@link ObjectPoolConfig#maxIdlePerThread()} per platform thread; returns
 *       beyond that are dropped. It is a memory pool, not a concurrency limit: {@code borrow}
 *       never blocks and creates an object when none is idle (use a bulkhead to cap concurrency).
 *   <li>Every released object is reset (by the reset action) before anyone can borrow it again.
 *   <li>Fast path: a platform thread first uses its own small cache without any shared-memory
 *       contention (like Netty's {@code Recycler}); the shared store is a bounded array queue.
 *   <li>Debug mode ({@link ObjectPoolConfig#trackLeaks()}): objects that become unreachable
 *       without being released are reported with the stack trace of their borrow, and releasing an
 *       object that is not borrowed (twice, or a stranger) throws {@link IllegalStateException}.
 * </ul>
 *
 * <p>Thread-safe. An object may be released by a different thread than the one that borrowed it.
 *
 * <pre>{@code
 * ObjectPool<StringBuilder> builders =
 *     ObjectPool.create("builders", ObjectPoolConfig.ofDefaults(), () -> new StringBuilder(256), sb -> sb.setLength(0));
 * try (ObjectPool.Lease<StringBuilder> lease = builders.lease()) {
 *   StringBuilder sb = lease.get();
 *   ...
 * }
 * }</pre>
 *
 * @param <T> the pooled type
 */
public final class ObjectPool<T> {
  private final String name;
  private final ObjectPoolConfig config;
  private final Supplier<? extends T> factory;
  private final Consumer<? super T> reset;
  private final ArrayBlockingQueue<T> shared;
  private final @Nullable ThreadLocal<LocalCache> local;
  private final @Nullable LeakTracker leaks;

  private final LongAdder borrowed = new LongAdder();
  private final LongAdder reused = new LongAdder();
  private final LongAdder released = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  private ObjectPool(
      String name, ObjectPoolConfig config, Supplier<? extends T> factory, Consumer<? super T> reset) {
    Objects.requireNonNull(name, "name");
    require(!name.isBlank(), "ObjectPool name", "non-blank", "'" + name + "'");
    this.name = name;
    this.config = Objects.requireNonNull(config, "config");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.reset = Objects.requireNonNull(reset, "reset");
    this.shared = new ArrayBlockingQueue<>(config.maxIdle());
    int perThread = config.maxIdlePerThread();
    this.local = perThread == 0 ? null : ThreadLocal.withInitial(() -> new LocalCache(perThread));
    this.leaks = config.trackLeaks() ? new LeakTracker(name, config.leakListener()) : null;
  }

  /**
   * A pool named {@code name} (in leak reports and messages) whose objects come from {@code
   * factory} and are cleaned by {@code reset} on release. The reset action must leave the object
   * as a borrower expects a fresh one.
   */
  public static <T> ObjectPool<T> create(
      String name, ObjectPoolConfig config, Supplier<? extends T> factory, Consumer<? super T> reset) {
    return new ObjectPool<>(name, config, factory, reset);
  }

  /** This pool's name. */
  public String name() {
    return name;
  }

  /** This pool's settings. */
  public ObjectPoolConfig config() {
    return config;
  }

  /** Returns an idle object, or a new one from the factory when none is idle. Never blocks. */
  public T borrow() {
    borrowed.increment();
    T object = null;
    LocalCache cache = localCache();
    if (cache != null) {
      object = cache.pop();
    }
    if (object == null) {
      object = shared.poll();
    }
    if (object == null) {
      object = Objects.requireNonNull(factory.get(), "the pool's factory returned null");
    } else {
      reused.increment();
    }
    if (leaks != null) {
      leaks.track(object);
    }
    return object;
  }

  /**
   * Resets {@code object} and keeps it for reuse (or drops it when the pool is full). The caller
   * must not use it afterwards.
   *
   * @throws IllegalStateException in leak-tracking mode, when {@code object} is not currently
   *     borrowed from this pool (released twice, or never borrowed)
   * @throws RuntimeException whatever the reset action throws; the object is then dropped
   */
  public void release(T object) {
    Objects.requireNonNull(object, "object");
    if (leaks != null) {
      leaks.untrack(object);
    }
    released.increment();
    reset.accept(object);
    LocalCache cache = localCache();
    if ((cache == null || !cache.push(object)) && !shared.offer(object)) {
      dropped.increment();
    }
  }

  /** Borrows an object wrapped in a {@link Lease} that releases it on {@link Lease#close()}. */
  public Lease<T> lease() {
    return new Lease<>(this, borrow());
  }

  /** A snapshot of the counters. */
  public ObjectPoolStats stats() {
    return new ObjectPoolStats(
        borrowed.sum(),
        reused.sum(),
        released.sum(),
        dropped.sum(),
        shared.size(),
        leaks == null ? 0 : leaks.leaked());
  }

  /** Objects currently borrowed and not released (leak-tracking mode only; else -1). */
  public int outstanding() {
    return leaks == null ? -1 : leaks.outstanding();
  }

  private @Nullable LocalCache localCache() {
    ThreadLocal<LocalCache> tl = local;
    if (tl == null || Thread.currentThread().isVirtual()) {
      return null;
    }
    return tl.get();
  }

  @Override
  public String toString() {
    return "ObjectPool[" + name + ", " + stats() + "]";
  }

  /** A small per-thread stack; touched only by its own thread, so no synchronisation. */
  private final class LocalCache {
    private final @Nullable Object[] slots;
    private int size;

    LocalCache(int capacity) {
      this.slots = new Object[capacity];
    }

    @SuppressWarnings("unchecked") // only Ts are pushed
    @Nullable T pop() {
      if (size == 0) {
        return null;
      }
      @Nullable Object object = slots[--size];
      slots[size] = null;
      return (T) object;
    }

    boolean push(T object) {
      if (size == slots.length) {
        return false;
      }
      slots[size++] = object;
      return true;
    }
  }

  /**
   * A borrowed object that goes back to its pool when closed; for try-with-resources. Not
   * thread-safe; closing twice releases once.
   *
   * @param <T> the pooled type
   */
  public static final class Lease<T> implements AutoCloseable {
    private final ObjectPool<T> pool;
    private final T object;
    private boolean closed;

    private Lease(ObjectPool<T> pool, T object) {
      this.pool = pool;
      this.object = object;
    }

    /** The borrowed object; do not use it after {@link #close()}. */
    public T get() {
      if (closed) {
        throw new IllegalStateException("lease of pool " + pool.name + " already closed");
      }
      return object;
    }

    /** Releases the object to the pool. */
    @Override
    public void close() {
      if (!closed) {
        closed = true;
        pool.release(object);
      }
    }
  }
}
