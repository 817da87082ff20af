package dev.hotpath.concurrency;

import static dev.hotpath.metrics.ConfigChecks.inRange;

import dev.hotpath.metrics.Ticker;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of a {@link Pipeline}; the pipeline's name is an argument of {@link
 * Pipeline#from(String, Iterable, PipelineConfig)}. A bad value throws {@link
 * IllegalArgumentException} from {@link Builder#build()} naming the setting, the value and the
 * allowed range. Thread-safe (immutable).
 *
 * <pre>{@code
 * PipelineConfig config = PipelineConfig.builder().bufferSize(64).build();
 * PipelineRun run = Pipeline.from("import", lines, config).map(Order::parse).to(repository::save);
 * }</pre>
 */
public final class PipelineConfig {
  private static final PipelineConfig DEFAULTS = builder().build();

  private final int bufferSize;
  private final WorkerThreads threads;
  private final Ticker ticker;

  private PipelineConfig(Builder b) {
    this.bufferSize = b.bufferSize;
    this.threads = b.threads;
    this.ticker = b.ticker;
  }

  /** Defaults: buffers of 256, virtual threads, the system ticker. */
  public static PipelineConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code base}'s values, to change some of them. */
  public static Builder from(PipelineConfig base) {
    return new Builder(base);
  }

  /** Capacity of the buffer between two stages, 1 to 1,048,576: the most elements a fast stage can run ahead of a slow one (this is the backpressure). */
  public int bufferSize() {
    return bufferSize;
  }

  /** The kind of thread each stage runs on; virtual by default, since stages mostly wait on their buffers. */
  public WorkerThreads threads() {
    return threads;
  }

  /** Times each stage's busy time. */
  public Ticker ticker() {
    return ticker;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof PipelineConfig o)) {
      return false;
    }
    return bufferSize == o.bufferSize
        && Objects.equals(threads, o.threads)
        && ticker == o.ticker;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        bufferSize,
        threads,
        ticker);
  }

  @Override
  public String toString() {
    return "PipelineConfig{"
        + "bufferSize=" + bufferSize
        + ", threads=" + threads
        + ", ticker=" + ticker
        + "}";
  }

  /** Builds a {@link PipelineConfig}; {@link #build()} validates every setting. Not thread-safe. */
  public static final class Builder {
    private int bufferSize = 256;
    private WorkerThreads threads = WorkerThreads.VIRTUAL;
    private Ticker ticker = Ticker.system();

    private Builder() {}

    private Builder(PipelineConfig base) {
      this.bufferSize = base.bufferSize;
      this.threads = base.threads;
      this.ticker = base.ticker;
    }

    /** See {@link PipelineConfig#bufferSize()}. */
    public Builder bufferSize(int value) {
      this.bufferSize = value;
      return this;
    }

    /** See {@link PipelineConfig#threads()}. */
    public Builder threads(WorkerThreads value) {
      this.threads = Objects.requireNonNull(value, "threads");
      return this;
    }

    /** See {@link PipelineConfig#ticker()}. */
    public Builder ticker(Ticker value) {
      this.ticker = Objects.requireNonNull(value, "ticker");
      return this;
    }

    /**
     * Validates every setting and how they relate, and builds the config.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public PipelineConfig build() {
      inRange("PipelineConfig.bufferSize", bufferSize, 1, 1 << 20);
      return new PipelineConfig(this);
    }
  }
}
