package dev.hotpath.concurrency;

import static dev.hotpath.metrics.ConfigChecks.inRange;

import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of an {@link ObjectPool}; the pool's name is an argument of {@link
 * ObjectPool#create(String, ObjectPoolConfig, java.util.function.Supplier, Consumer)}. A bad value
 * throws {@link IllegalArgumentException} from {@link Builder#build()} naming the setting, the value
 * and the allowed range. Thread-safe (immutable).
 *
 * <p>Both limits are on <em>idle</em> objects, the ones kept for reuse: how many objects are
 * borrowed at once is not limited (an object pool is a memory pool, not a bulkhead).
 *
 * <pre>{@code
 * ObjectPoolConfig config = ObjectPoolConfig.builder().maxIdle(64).trackLeaks(true).build();
 * }</pre>
 */
public final class ObjectPoolConfig {
  /** Largest allowed {@link #maxIdle()}. */
  public static final int MAX_IDLE = 1 << 20;

  /** Largest allowed {@link #maxIdlePerThread()}. */
  public static final int MAX_IDLE_PER_THREAD = 64;

  private static final ObjectPoolConfig DEFAULTS = builder().build();

  private final int maxIdle;
  private final int maxIdlePerThread;
  private final boolean trackLeaks;
  private final Consumer<LeakReport> leakListener;

  private ObjectPoolConfig(Builder b) {
    this.maxIdle = b.maxIdle;
    this.maxIdlePerThread = b.maxIdlePerThread;
    this.trackLeaks = b.trackLeaks;
    this.leakListener = b.leakListener;
  }

  /** Defaults: 256 idle objects shared, 4 per platform thread, no leak tracking. */
  public static ObjectPoolConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code base}'s values, to change some of them. */
  public static Builder from(ObjectPoolConfig base) {
    return new Builder(base);
  }

  /** Idle objects kept in the shared store for reuse, 1 to {@value #MAX_IDLE}; objects released beyond it are dropped for the garbage collector. */
  public int maxIdle() {
    return maxIdle;
  }

  /** Idle objects each platform thread keeps for itself (the lock-free fast path), 0 to {@value #MAX_IDLE_PER_THREAD}; 0 disables it. Virtual threads always use the shared store, since a per-thread cache would die with each short-lived virtual thread. */
  public int maxIdlePerThread() {
    return maxIdlePerThread;
  }

  /** Debug mode: remember who borrowed each object and report objects that become unreachable without being released, with the borrowing stack trace; costs a stack trace and a {@link java.lang.ref.Cleaner} registration per borrow, so off by default. */
  public boolean trackLeaks() {
    return trackLeaks;
  }

  /** Called (on a cleaner thread) for each leak when {@link #trackLeaks()} is on; every leak is also logged at WARNING. */
  public Consumer<LeakReport> leakListener() {
    return leakListener;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ObjectPoolConfig o)) {
      return false;
    }
    return maxIdle == o.maxIdle
        && maxIdlePerThread == o.maxIdlePerThread
        && trackLeaks == o.trackLeaks
        && leakListener == o.leakListener;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxIdle,
        maxIdlePerThread,
        trackLeaks,
        leakListener);
  }

  @Override
  public String toString() {
    return "ObjectPoolConfig{"
        + "maxIdle=" + maxIdle
        + ", maxIdlePerThread=" + maxIdlePerThread
        + ", trackLeaks=" + trackLeaks
        + ", leakListener=" + leakListener
        + "}";
  }

  /** Builds a {@link ObjectPoolConfig}; {@link #build()} validates every setting. Not thread-safe. */
  public static final class Builder {
    private int maxIdle = 256;
    private int maxIdlePerThread = 4;
    private boolean trackLeaks = false;
    private Consumer<LeakReport> leakListener = report -> {};

    private Builder() {}

    private Builder(ObjectPoolConfig base) {
      this.maxIdle = base.maxIdle;
      this.maxIdlePerThread = base.maxIdlePerThread;
      this.trackLeaks = base.trackLeaks;
      this.leakListener = base.leakListener;
    }

    /** See {@link ObjectPoolConfig#maxIdle()}. */
    public Builder maxIdle(int value) {
      this.maxIdle = value;
      return this;
    }

    /** See {@link ObjectPoolConfig#maxIdlePerThread()}. */
    public Builder maxIdlePerThread(int value) {
      this.maxIdlePerThread = value;
      return this;
    }

    /** See {@link ObjectPoolConfig#trackLeaks()}. */
    public Builder trackLeaks(boolean value) {
      this.trackLeaks = value;
      return this;
    }

    /** See {@link ObjectPoolConfig#leakListener()}. */
    public Builder leakListener(Consumer<LeakReport> value) {
      this.leakListener = Objects.requireNonNull(value, "leakListener");
      return this;
    }

    /**
     * Validates every setting and how they relate, and builds the config.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public ObjectPoolConfig build() {
      inRange("ObjectPoolConfig.maxIdle", maxIdle, 1, MAX_IDLE);
      inRange("ObjectPoolConfig.maxIdlePerThread", maxIdlePerThread, 0, MAX_IDLE_PER_THREAD);
      return new ObjectPoolConfig(this);
    }
  }
}
