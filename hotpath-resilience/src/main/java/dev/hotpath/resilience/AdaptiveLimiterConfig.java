package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.inHalfOpenRange;
import static dev.hotpath.resilience.internal.Checks.inRange;
import static dev.hotpath.resilience.internal.Checks.positive;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of an {@link AdaptiveLimiter}; {@link Builder#build()} checks
 * every setting and names the one out of range. Thread-safe (immutable).
 *
 * <pre>{@code
 * AdaptiveLimiterConfig aimd = AdaptiveLimiterConfig.builder()
 *     .algorithm(Algorithm.AIMD).limits(20, 5, 200)
 *     .latencyThreshold(Duration.ofMillis(250)) // slower counts like a drop
 *     .build();
 * AdaptiveLimiterConfig gradient = AdaptiveLimiterConfig.builder()
 *     .algorithm(Algorithm.GRADIENT2).limits(20, 5, 200).build();
 * }</pre>
 */
public final class AdaptiveLimiterConfig {

  /** How the limit follows latency. */
  public enum Algorithm {
    /**
     * Additive increase, multiplicative decrease: +1 on a fast success while the limit is being
     * used, times {@code backoffRatio} on a drop or a call slower than {@code latencyThreshold}.
     */
    AIMD,
    /**
     * After Netflix's Gradient2: the limit follows {@code tolerance * longRtt / shortRtt}
     * (clamped to [0.5, 1]) times the limit, plus a small queue allowance, smoothed; no fixed
     * latency threshold is needed.
     */
    GRADIENT2
  }

  private static final AdaptiveLimiterConfig DEFAULTS = builder().build();

  private final Algorithm algorithm;
  private final int initialLimit;
  private final int minLimit;
  private final int maxLimit;
  private final double backoffRatio;
  private final Duration latencyThreshold;
  private final double rttTolerance;
  private final double smoothing;
  private final int longWindow;
  private final int queueSize;

  private AdaptiveLimiterConfig(Builder b) {
    this.algorithm = b.algorithm;
    this.initialLimit = b.initialLimit;
    this.minLimit = b.minLimit;
    this.maxLimit = b.maxLimit;
    this.backoffRatio = b.backoffRatio;
    this.latencyThreshold = b.latencyThreshold;
    this.rttTolerance = b.rttTolerance;
    this.smoothing = b.smoothing;
    this.longWindow = b.longWindow;
    this.queueSize = b.queueSize;
  }

  /**
   * Defaults: GRADIENT2, limit 20 within [1, 1000], tolerance 1.5, smoothing 0.2, long window 600
   * samples, queue allowance 4; for AIMD backoff 0.9 and latency threshold 1 s.
   */
  public static AdaptiveLimiterConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}'s settings. */
  public static Builder from(AdaptiveLimiterConfig base) {
    Objects.requireNonNull(base, "base");
    Builder b = new Builder();
    b.algorithm = base.algorithm;
    b.initialLimit = base.initialLimit;
    b.minLimit = base.minLimit;
    b.maxLimit = base.maxLimit;
    b.backoffRatio = base.backoffRatio;
    b.latencyThreshold = base.latencyThreshold;
    b.rttTolerance = base.rttTolerance;
    b.smoothing = base.smoothing;
    b.longWindow = base.longWindow;
    b.queueSize = base.queueSize;
    return b;
  }

  /** The algorithm. */
  public Algorithm algorithm() {
    return algorithm;
  }

  /** The limit at start. */
  public int initialLimit() {
    return initialLimit;
  }

  /** The limit never goes below this. */
  public int minLimit() {
    return minLimit;
  }

  /** The limit never goes above this. */
  public int maxLimit() {
    return maxLimit;
  }

  /** AIMD: factor applied to the limit on a drop. */
  public double backoffRatio() {
    return backoffRatio;
  }

  /** AIMD: calls slower than this count as drops. */
  public Duration latencyThreshold() {
    return latencyThreshold;
  }

  /** GRADIENT2: how much slower than the long-term RTT the short-term RTT may be. */
  public double rttTolerance() {
    return rttTolerance;
  }

  /** GRADIENT2: weight of each new limit estimate, (0, 1]. */
  public double smoothing() {
    return smoothing;
  }

  /** GRADIENT2: samples in the long-term RTT average. */
  public int longWindow() {
    return longWindow;
  }

  /** GRADIENT2: extra concurrency allowed above the gradient (lets the limit grow). */
  public int queueSize() {
    return queueSize;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AdaptiveLimiterConfig c && algorithm == c.algorithm
        && initialLimit == c.initialLimit && minLimit == c.minLimit && maxLimit == c.maxLimit
        && Double.compare(backoffRatio, c.backoffRatio) == 0
        && latencyThreshold.equals(c.latencyThreshold)
        && Double.compare(rttTolerance, c.rttTolerance) == 0
        && Double.compare(smoothing, c.smoothing) == 0
        && longWindow == c.longWindow && queueSize == c.queueSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(algorithm, initialLimit, minLimit, maxLimit, backoffRatio,
        latencyThreshold, rttTolerance, smoothing, longWindow, queueSize);
  }

  @Override
  public String toString() {
    return "AdaptiveLimiterConfig{" + algorithm + ", limit=" + initialLimit + " in [" + minLimit
        + ", " + maxLimit + "], backoffRatio=" + backoffRatio + ", latencyThreshold="
        + latencyThreshold + ", rttTolerance=" + rttTolerance + ", smoothing=" + smoothing
        + ", longWindow=" + longWindow + ", queueSize=" + queueSize + "}";
  }

  /**
   * Builds an {@link AdaptiveLimiterConfig}: setters only reject {@code null}, {@link #build()}
   * validates. Not thread-safe.
   */
  public static final class Builder {
    private Algorithm algorithm = Algorithm.GRADIENT2;
    private int initialLimit = 20;
    private int minLimit = 1;
    private int maxLimit = 1000;
    private double backoffRatio = 0.9;
    private Duration latencyThreshold = Duration.ofSeconds(1);
    private double rttTolerance = 1.5;
    private double smoothing = 0.2;
    private int longWindow = 600;
    private int queueSize = 4;

    private Builder() {}

    /** The algorithm; default GRADIENT2. */
    public Builder algorithm(Algorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "AdaptiveLimiterConfig.algorithm");
      return this;
    }

    /** Initial, minimum and maximum limit: 1 <= min <= initial <= max <= 1_000_000; default 20, 1, 1000. */
    public Builder limits(int initial, int min, int max) {
      this.initialLimit = initial;
      this.minLimit = min;
      this.maxLimit = max;
      return this;
    }

    /** AIMD backoff ratio, [0.5, 1); default 0.9. */
    public Builder backoffRatio(double ratio) {
      this.backoffRatio = ratio;
      return this;
    }

    /** AIMD latency threshold, > 0; default 1 s. */
    public Builder latencyThreshold(Duration threshold) {
      this.latencyThreshold =
          Objects.requireNonNull(threshold, "AdaptiveLimiterConfig.latencyThreshold");
      return this;
    }

    /** GRADIENT2 tolerance, [1, 10]; default 1.5. */
    public Builder rttTolerance(double tolerance) {
      this.rttTolerance = tolerance;
      return this;
    }

    /** GRADIENT2 smoothing, (0, 1]; default 0.2. */
    public Builder smoothing(double smoothing) {
      this.smoothing = smoothing;
      return this;
    }

    /** GRADIENT2 long window in samples, [10, 100_000]; default 600. */
    public Builder longWindow(int samples) {
      this.longWindow = samples;
      return this;
    }

    /** GRADIENT2 queue allowance, [0, 1000]; default 4. */
    public Builder queueSize(int size) {
      this.queueSize = size;
      return this;
    }

    /**
     * Validates every setting and combination, and builds.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public AdaptiveLimiterConfig build() {
      inRange("AdaptiveLimiterConfig.maxLimit", maxLimit, 1, 1_000_000);
      inRange("AdaptiveLimiterConfig.minLimit", minLimit, 1, maxLimit);
      inRange("AdaptiveLimiterConfig.initialLimit", initialLimit, minLimit, maxLimit);
      if (!(backoffRatio >= 0.5 && backoffRatio < 1.0)) {
        throw new IllegalArgumentException(
            "AdaptiveLimiterConfig.backoffRatio must be in [0.5, 1), was " + backoffRatio);
      }
      positive("AdaptiveLimiterConfig.latencyThreshold", latencyThreshold);
      inRange("AdaptiveLimiterConfig.rttTolerance", rttTolerance, 1.0, 10.0);
      inHalfOpenRange("AdaptiveLimiterConfig.smoothing", smoothing, 0, 1, "");
      inRange("AdaptiveLimiterConfig.longWindow", longWindow, 10, 100_000);
      inRange("AdaptiveLimiterConfig.queueSize", queueSize, 0, 1000);
      return new AdaptiveLimiterConfig(this);
    }
  }
}
