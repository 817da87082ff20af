package dev.hotpath.load.result;

import dev.hotpath.metrics.LatencySnapshot;
import java.util.Objects;

/**
 * What the load generator itself was doing in one interval: how late it handled the planned sends
 * (so a report can show <em>when</em> the generator fell behind), and at the interval's end how
 * many requests were in flight or waiting for a connection, how many connections were open, and
 * the rate the plan asked for.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * GeneratorSample g = interval.generator();
 * System.out.printf("%d in flight on %d connections, lag p99 %d ns%n",
 *     g.inFlight(), g.openConnections(), g.scheduleLag().p99());
 * }</pre>
 */
public final class GeneratorSample {
  /** Nothing known (results written before these figures existed, or a merged interval of several shards' lag only). */
  public static final GeneratorSample NONE = builder().build();

  private final String scheduleLagBase64;
  private final long inFlight;
  private final long queued;
  private final int openConnections;
  private final double targetRate;

  private GeneratorSample(Builder b) {
    this.scheduleLagBase64 = b.scheduleLagBase64;
    this.inFlight = b.inFlight;
    this.queued = b.queued;
    this.openConnections = b.openConnections;
    this.targetRate = b.targetRate;
  }

  /** A builder with every figure zero and an empty lag histogram. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How late the generator handled each planned send of this interval against its intended start
   * (open model; empty in the closed model), nanoseconds. Decodes on each call.
   */
  public LatencySnapshot scheduleLag() {
    return LatencySnapshot.fromBase64(scheduleLagBase64);
  }

  /** {@link #scheduleLag()} as compressed base64, without decoding. */
  public String scheduleLagBase64() {
    return scheduleLagBase64;
  }

  /** Requests sent (or being connected for) and not yet answered, at the interval's end. */
  public long inFlight() {
    return inFlight;
  }

  /** Open model: planned requests waiting for a free connection at the interval's end. */
  public long queued() {
    return queued;
  }

  /** Connections open (connected, and through TLS when https) at the interval's end. */
  public int openConnections() {
    return openConnections;
  }

  /** Open model: the rate the plan asked for in this interval (requests per second); 0 in the closed model. */
  public double targetRate() {
    return targetRate;
  }

  /**
   * This interval's figures followed by {@code next}'s: lag histograms merge, the states at the end
   * are {@code next}'s, and the target rate is averaged by length.
   */
  GeneratorSample merge(GeneratorSample next, double weightThis, double weightNext) {
    double total = weightThis + weightNext;
    return builder()
        .scheduleLag(scheduleLag().merge(next.scheduleLag()))
        .inFlight(next.inFlight)
        .queued(next.queued)
        .openConnections(next.openConnections)
        .targetRate(total <= 0 ? next.targetRate : (targetRate * weightThis + next.targetRate * weightNext) / total)
        .build();
  }

  /** The same interval of two shards side by side: lag merges, counts and rates add up. */
  GeneratorSample plus(GeneratorSample other) {
    return builder()
        .scheduleLag(scheduleLag().merge(other.scheduleLag()))
        .inFlight(inFlight + other.inFlight)
        .queued(queued + other.queued)
        .openConnections(openConnections + other.openConnections)
        .targetRate(targetRate + other.targetRate)
        .build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GeneratorSample g
        && scheduleLagBase64.equals(g.scheduleLagBase64) && inFlight == g.inFlight && queued == g.queued
        && openConnections == g.openConnections && Double.compare(targetRate, g.targetRate) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheduleLagBase64, inFlight, queued, openConnections, targetRate);
  }

  @Override
  public String toString() {
    return "GeneratorSample[inFlight=" + inFlight + ", queued=" + queued + ", openConnections="
        + openConnections + ", targetRate=" + targetRate + "]";
  }

  /** Builds a {@link GeneratorSample}; not thread-safe. */
  public static final class Builder {
    private String scheduleLagBase64 = LatencySnapshot.empty().toBase64();
    private long inFlight;
    private long queued;
    private int openConnections;
    private double targetRate;

    private Builder() {}

    public Builder scheduleLag(LatencySnapshot lag) {
      this.scheduleLagBase64 = Objects.requireNonNull(lag, "scheduleLag").toBase64();
      return this;
    }

    /**
     * The lag histogram as found in result.json.
     *
     * @throws IllegalArgumentException if it is not a valid base64 HdrHistogram
     */
    public Builder scheduleLagBase64(String base64) {
      LatencySnapshot.fromBase64(Objects.requireNonNull(base64, "scheduleLag"));
      this.scheduleLagBase64 = base64;
      return this;
    }

    public Builder inFlight(long inFlight) {
      this.inFlight = inFlight;
      return this;
    }

    public Builder queued(long queued) {
      this.queued = queued;
      return this;
    }

    public Builder openConnections(int openConnections) {
      this.openConnections = openConnections;
      return this;
    }

    public Builder targetRate(double targetRate) {
      this.targetRate = targetRate;
      return this;
    }

    /**
     * Builds.
     *
     * @throws IllegalArgumentException if a count is negative or the rate is not a finite number >= 0
     */
    public GeneratorSample build() {
      if (inFlight < 0 || queued < 0 || openConnections < 0) {
        throw new IllegalArgumentException("GeneratorSample counts must be >= 0, was inFlight " + inFlight
            + ", queued " + queued + ", openConnections " + openConnections);
      }
      if (!Double.isFinite(targetRate) || targetRate < 0) {
        throw new IllegalArgumentException("GeneratorSample.targetRate must be a finite number >= 0, was " + targetRate);
      }
      return new GeneratorSample(this);
    }
  }
}
