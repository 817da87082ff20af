package dev.hotpath.concurrency;

import dev.hotpath.metrics.Ticker;
import java.util.Objects;

/**
 * Immutable, validated settings of a {@link Pipeline}. A bad value throws {@link
 * IllegalArgumentException} naming the setting, the value and the allowed range.
 *
 * <pre>{@code
 * PipelineConfig config = PipelineConfig.builder().name("import").bufferSize(64).build();
 * }</pre>
 *
 * @param name prefix of the stage threads' names and of error messages
 * @param bufferSize capacity of the buffer between two stages, 1..1,048,576: the most elements a
 *     fast stage can run ahead of a slow one (this is the backpressure)
 * @param threads the kind of thread each stage runs on; virtual by default, since stages mostly
 *     wait on their buffers
 * @param ticker times each stage's busy time
 */
public record PipelineConfig(String name, int bufferSize, WorkerThreads threads, Ticker ticker) {

  /** Validates every setting. */
  public PipelineConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(threads, "threads");
    Objects.requireNonNull(ticker, "ticker");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (bufferSize < 1 || bufferSize > 1 << 20) {
      throw new IllegalArgumentException("bufferSize must be in [1, 1048576], was " + bufferSize);
    }
  }

  /** Defaults: name "pipeline", buffers of 256, virtual threads, the system ticker. */
  public static PipelineConfig ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PipelineConfig}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String name = "pipeline";
    private int bufferSize = 256;
    private WorkerThreads threads = WorkerThreads.VIRTUAL;
    private Ticker ticker = Ticker.system();

    private Builder() {}

    /** See {@link PipelineConfig#name()}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** See {@link PipelineConfig#bufferSize()}. */
    public Builder bufferSize(int bufferSize) {
      this.bufferSize = bufferSize;
      return this;
    }

    /** See {@link PipelineConfig#threads()}. */
    public Builder threads(WorkerThreads threads) {
      this.threads = threads;
      return this;
    }

    /** See {@link PipelineConfig#ticker()}. */
    public Builder ticker(Ticker ticker) {
      this.ticker = ticker;
      return this;
    }

    /** Validates and returns the config. */
    public PipelineConfig build() {
      return new PipelineConfig(name, bufferSize, threads, ticker);
    }
  }
}
