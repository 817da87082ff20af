package dev.hotpath.concurrency;

import static dev.hotpath.metrics.ConfigChecks.inRange;
import static dev.hotpath.metrics.ConfigChecks.require;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of a {@link WorkerPool}; the pool's name is an argument of {@link
 * WorkerPool#create(String, WorkerPoolConfig)}, so one config can serve several pools.
 *
 * <p>{@link Builder#build()} checks every value once; a bad one throws {@link
 * IllegalArgumentException} naming the setting, the value and the allowed range. Nothing is
 * clamped. Durations have no upper bound: {@code ChronoUnit.FOREVER} means "wait without bound".
 * Thread-safe (immutable).
 *
 * <pre>{@code
 * WorkerPoolConfig config = WorkerPoolConfig.builder()
 *     .workers(4).threads(WorkerThreads.PLATFORM)
 *     .queueCapacity(1_000).backpressure(Backpressure.BLOCK).blockTimeout(Duration.ofMillis(50))
 *     .build();
 * WorkerPool pool = WorkerPool.create("thumbnails", config);
 * }</pre>
 */
public final class WorkerPoolConfig {
  /** Largest allowed {@link #queueCapacity()}. */
  public static final int MAX_QUEUE_CAPACITY = 1 << 24;

  private static final WorkerPoolConfig DEFAULTS = builder().build();

  private final int workers;
  private final WorkerThreads threads;
  private final int queueCapacity;
  private final Backpressure backpressure;
  private final Duration blockTimeout;
  private final Duration shutdownTimeout;

  private WorkerPoolConfig(Builder b) {
    this.workers = b.workers;
    this.threads = b.threads;
    this.queueCapacity = b.queueCapacity;
    this.backpressure = b.backpressure;
    this.blockTimeout = b.blockTimeout;
    this.shutdownTimeout = b.shutdownTimeout;
  }

  /** The defaults: one platform worker per available processor, a queue of 1,024, {@link Backpressure#BLOCK} for up to 1 s, 30 s to drain on close. */
  public static WorkerPoolConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code base}'s values, to change some of them. */
  public static Builder from(WorkerPoolConfig base) {
    return new Builder(base);
  }

  /** Number of worker threads, 1 to 10,000. */
  public int workers() {
    return workers;
  }

  /** Platform or virtual worker threads. */
  public WorkerThreads threads() {
    return threads;
  }

  /** Tasks that may wait for a worker, 1 to {@value #MAX_QUEUE_CAPACITY}. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /** What happens to a task submitted while the queue is full. */
  public Backpressure backpressure() {
    return backpressure;
  }

  /** How long {@link Backpressure#BLOCK} waits for space; positive, {@code ChronoUnit.FOREVER} for no bound. */
  public Duration blockTimeout() {
    return blockTimeout;
  }

  /** How long {@link WorkerPool#close()} lets the queue drain; at least 0, {@code ChronoUnit.FOREVER} for no bound. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof WorkerPoolConfig o)) {
      return false;
    }
    return workers == o.workers
        && Objects.equals(threads, o.threads)
        && queueCapacity == o.queueCapacity
        && Objects.equals(backpressure, o.backpressure)
        && Objects.equals(blockTimeout, o.blockTimeout)
        && Objects.equals(shutdownTimeout, o.shutdownTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        workers,
        threads,
        queueCapacity,
        backpressure,
        blockTimeout,
        shutdownTimeout);
  }

  @Override
  public String toString() {
    return "WorkerPoolConfig{"
        + "workers=" + workers
        + ", threads=" + threads
        + ", queueCapacity=" + queueCapacity
        + ", backpressure=" + backpressure
        + ", blockTimeout=" + blockTimeout
        + ", shutdownTimeout=" + shutdownTimeout
        + "}";
  }

  /** Builds a {@link WorkerPoolConfig}; {@link #build()} validates every setting. Not thread-safe. */
  public static final class Builder {
    private int workers = Runtime.getRuntime().availableProcessors();
    private WorkerThreads threads = WorkerThreads.PLATFORM;
    private int queueCapacity = 1024;
    private Backpressure backpressure = Backpressure.BLOCK;
    private Duration blockTimeout = Duration.ofSeconds(1);
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    private Builder() {}

    private Builder(WorkerPoolConfig base) {
      this.workers = base.workers;
      this.threads = base.threads;
      this.queueCapacity = base.queueCapacity;
      this.backpressure = base.backpressure;
      this.blockTimeout = base.blockTimeout;
      this.shutdownTimeout = base.shutdownTimeout;
    }

    /** See {@link WorkerPoolConfig#workers()}. */
    public Builder workers(int value) {
      this.workers = value;
      return this;
    }

    /** See {@link WorkerPoolConfig#threads()}. */
    public Builder threads(WorkerThreads value) {
      this.threads = Objects.requireNonNull(value, "threads");
      return this;
    }

    /** See {@link WorkerPoolConfig#queueCapacity()}. */
    public Builder queueCapacity(int value) {
      this.queueCapacity = value;
      return this;
    }

    /** See {@link WorkerPoolConfig#backpressure()}. */
    public Builder backpressure(Backpressure value) {
      this.backpressure = Objects.requireNonNull(value, "backpressure");
      return this;
    }

    /** See {@link WorkerPoolConfig#blockTimeout()}. */
    public Builder blockTimeout(Duration value) {
      this.blockTimeout = Objects.requireNonNull(value, "blockTimeout");
      return this;
    }

    /** See {@link WorkerPoolConfig#shutdownTimeout()}. */
    public Builder shutdownTimeout(Duration value) {
      this.shutdownTimeout = Objects.requireNonNull(value, "shutdownTimeout");
      return this;
    }

    /**
     * Validates every setting and how they relate, and builds the config.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public WorkerPoolConfig build() {
      inRange("WorkerPoolConfig.workers", workers, 1, 10_000);
      inRange("WorkerPoolConfig.queueCapacity", queueCapacity, 1, MAX_QUEUE_CAPACITY);
      require(blockTimeout.isPositive(), "WorkerPoolConfig.blockTimeout", "positive (ChronoUnit.FOREVER: no bound)", blockTimeout);
      require(!shutdownTimeout.isNegative(), "WorkerPoolConfig.shutdownTimeout", ">= 0 (ChronoUnit.FOREVER: no bound)", shutdownTimeout);
      return new WorkerPoolConfig(this);
    }
  }
}
