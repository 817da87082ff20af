package dev.hotpath.concurrency;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable, validated settings of a {@link WorkerPool}.
 *
 * <p>Every value is checked on construction; a bad one throws {@link IllegalArgumentException}
 * naming the setting, the value and the allowed range. Nothing is clamped.
 *
 * <pre>{@code
 * WorkerPoolConfig config = WorkerPoolConfig.builder()
 *     .name("thumbnails").workers(4).threads(WorkerThreads.PLATFORM)
 *     .queueCapacity(1_000).backpressure(Backpressure.BLOCK).blockTimeout(Duration.ofMillis(50))
 *     .build();
 * }</pre>
 *
 * @param name prefix of the worker threads' names and of messages
 * @param workers number of worker threads, 1..10,000
 * @param threads platform or virtual worker threads
 * @param queueCapacity tasks that may wait for a worker, 1..{@value #MAX_QUEUE_CAPACITY}
 * @param backpressure what happens to a task submitted while the queue is full
 * @param blockTimeout how long {@link Backpressure#BLOCK} waits for space, 0 < t <= 1 hour
 * @param shutdownTimeout how long {@link WorkerPool#close()} lets the queue drain, 0 <= t <= 1 hour
 */
public record WorkerPoolConfig(
    String name,
    int workers,
    WorkerThreads threads,
    int queueCapacity,
    Backpressure backpressure,
    Duration blockTimeout,
    Duration shutdownTimeout) {

  /** Largest allowed {@link #queueCapacity()}. */
  public static final int MAX_QUEUE_CAPACITY = 1 << 24;

  private static final Duration ONE_HOUR = Duration.ofHours(1);

  /** Validates every setting. */
  public WorkerPoolConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(threads, "threads");
    Objects.requireNonNull(backpressure, "backpressure");
    Objects.requireNonNull(blockTimeout, "blockTimeout");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (workers < 1 || workers > 10_000) {
      throw new IllegalArgumentException("workers must be in [1, 10000], was " + workers);
    }
    if (queueCapacity < 1 || queueCapacity > MAX_QUEUE_CAPACITY) {
      throw new IllegalArgumentException(
          "queueCapacity must be in [1, " + MAX_QUEUE_CAPACITY + "], was " + queueCapacity);
    }
    if (blockTimeout.isNegative() || blockTimeout.isZero() || blockTimeout.compareTo(ONE_HOUR) > 0) {
      throw new IllegalArgumentException("blockTimeout must be in (0, 1h], was " + blockTimeout);
    }
    if (shutdownTimeout.isNegative() || shutdownTimeout.compareTo(ONE_HOUR) > 0) {
      throw new IllegalArgumentException("shutdownTimeout must be in [0, 1h], was " + shutdownTimeout);
    }
  }

  /**
   * The defaults: name "worker", one platform worker per available processor, a queue of 1,024,
   * {@link Backpressure#BLOCK} for up to 1 s, 30 s to drain on close.
   */
  public static WorkerPoolConfig ofDefaults() {
    return builder().build();
  }

  /** A builder starting from {@link #ofDefaults()}'s values. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}'s values. */
  public static Builder from(WorkerPoolConfig base) {
    Builder b = new Builder();
    b.name = base.name;
    b.workers = base.workers;
    b.threads = base.threads;
    b.queueCapacity = base.queueCapacity;
    b.backpressure = base.backpressure;
    b.blockTimeout = base.blockTimeout;
    b.shutdownTimeout = base.shutdownTimeout;
    return b;
  }

  /** Builds a {@link WorkerPoolConfig}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String name = "worker";
    private int workers = Runtime.getRuntime().availableProcessors();
    private WorkerThreads threads = WorkerThreads.PLATFORM;
    private int queueCapacity = 1024;
    private Backpressure backpressure = Backpressure.BLOCK;
    private Duration blockTimeout = Duration.ofSeconds(1);
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** See {@link WorkerPoolConfig#name()}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** See {@link WorkerPoolConfig#workers()}. */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /** See {@link WorkerPoolConfig#threads()}. */
    public Builder threads(WorkerThreads threads) {
      this.threads = threads;
      return this;
    }

    /** See {@link WorkerPoolConfig#queueCapacity()}. */
    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    /** See {@link WorkerPoolConfig#backpressure()}. */
    public Builder backpressure(Backpressure backpressure) {
      this.backpressure = backpressure;
      return this;
    }

    /** See {@link WorkerPoolConfig#blockTimeout()}. */
    public Builder blockTimeout(Duration blockTimeout) {
      this.blockTimeout = blockTimeout;
      return this;
    }

    /** See {@link WorkerPoolConfig#shutdownTimeout()}. */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /** Validates and returns the config. */
    public WorkerPoolConfig build() {
      return new WorkerPoolConfig(
          name, workers, threads, queueCapacity, backpressure, blockTimeout, shutdownTimeout);
    }
  }
}
