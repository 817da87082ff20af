package dev.hotpath.concurrency;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Immutable, validated settings of an {@link ObjectPool}. A bad value throws {@link
 * IllegalArgumentException} naming the setting, the value and the allowed range.
 *
 * <pre>{@code
 * ObjectPoolConfig config = ObjectPoolConfig.builder().name("encoders").capacity(64).trackLeaks(true).build();
 * }</pre>
 *
 * @param name used in leak reports and messages
 * @param capacity idle objects kept in the shared store, 1..{@value #MAX_CAPACITY}; returns beyond it
 *     are dropped for the garbage collector
 * @param threadLocalCapacity idle objects each platform thread keeps for itself (the lock-free fast
 *     path), 0..64; 0 disables it. Virtual threads always use the shared store, since a per-thread
 *     cache would die with each short-lived virtual thread
 * @param trackLeaks debug mode: remember who borrowed each object and report objects that become
 *     unreachable without being released, with the borrowing stack trace; costs a stack trace and a
 *     {@link java.lang.ref.Cleaner} registration per borrow, so off by default
 * @param leakListener called (on a cleaner thread) for each leak when {@code trackLeaks} is on;
 *     every leak is also logged at WARNING
 */
public record ObjectPoolConfig(
    String name,
    int capacity,
    int threadLocalCapacity,
    boolean trackLeaks,
    Consumer<LeakReport> leakListener) {

  /** Largest allowed {@link #capacity()}. */
  public static final int MAX_CAPACITY = 1 << 20;

  /** Largest allowed {@link #threadLocalCapacity()}. */
  public static final int MAX_THREAD_LOCAL_CAPACITY = 64;

  /** Validates every setting. */
  public ObjectPoolConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(leakListener, "leakListener");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "capacity must be in [1, " + MAX_CAPACITY + "], was " + capacity);
    }
    if (threadLocalCapacity < 0 || threadLocalCapacity > MAX_THREAD_LOCAL_CAPACITY) {
      throw new IllegalArgumentException(
          "threadLocalCapacity must be in [0, " + MAX_THREAD_LOCAL_CAPACITY + "], was "
              + threadLocalCapacity);
    }
  }

  /** Defaults: name "pool", capacity 256, 4 per thread, no leak tracking. */
  public static ObjectPoolConfig ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}'s values. */
  public static Builder from(ObjectPoolConfig base) {
    return new Builder()
        .name(base.name)
        .capacity(base.capacity)
        .threadLocalCapacity(base.threadLocalCapacity)
        .trackLeaks(base.trackLeaks)
        .leakListener(base.leakListener);
  }

  /** Builds an {@link ObjectPoolConfig}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String name = "pool";
    private int capacity = 256;
    private int threadLocalCapacity = 4;
    private boolean trackLeaks;
    private Consumer<LeakReport> leakListener = report -> {};

    private Builder() {}

    /** See {@link ObjectPoolConfig#name()}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** See {@link ObjectPoolConfig#capacity()}. */
    public Builder capacity(int capacity) {
      this.capacity = capacity;
      return this;
    }

    /** See {@link ObjectPoolConfig#threadLocalCapacity()}. */
    public Builder threadLocalCapacity(int threadLocalCapacity) {
      this.threadLocalCapacity = threadLocalCapacity;
      return this;
    }

    /** See {@link ObjectPoolConfig#trackLeaks()}. */
    public Builder trackLeaks(boolean trackLeaks) {
      this.trackLeaks = trackLeaks;
      return this;
    }

    /** See {@link ObjectPoolConfig#leakListener()}. */
    public Builder leakListener(Consumer<LeakReport> leakListener) {
      this.leakListener = leakListener;
      return this;
    }

    /** Validates and returns the config. */
    public ObjectPoolConfig build() {
      return new ObjectPoolConfig(name, capacity, threadLocalCapacity, trackLeaks, leakListener);
    }
  }
}
