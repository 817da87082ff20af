package dev.hotpath.monitor;

import static dev.hotpath.metrics.ConfigChecks.inRange;
import static dev.hotpath.metrics.ConfigChecks.require;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the {@link LeakDetector}. Immutable, validated once in {@link Builder#build()}: a bad
 * value throws {@link IllegalArgumentException} naming the setting, the allowed range and the
 * value. Thread-safe.
 *
 * <pre>{@code
 * LeakDetectorConfig cfg = LeakDetectorConfig.builder().window(Duration.ofMinutes(15)).build();
 * }</pre>
 */
public final class LeakDetectorConfig {
  private static final LeakDetectorConfig DEFAULTS = builder().build();

  private final Duration window;
  private final Duration bucket;
  private final int minPoints;
  private final long minBytesPerMinute;
  private final double minRSquared;
  private final Duration histogramDelay;
  private final int topClasses;
  private final boolean histograms;

  private LeakDetectorConfig(Builder b) {
    this.window = b.window;
    this.bucket = b.bucket;
    this.minPoints = b.minPoints;
    this.minBytesPerMinute = b.minBytesPerMinute;
    this.minRSquared = b.minRSquared;
    this.histogramDelay = b.histogramDelay;
    this.topClasses = b.topClasses;
    this.histograms = b.histograms;
  }

  /** 15 min window, 30 s buckets, 10 points, 1 MiB/min, R² 0.6, histograms 60 s apart, top 10. */
  public static LeakDetectorConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code base}'s values, to change some of them. */
  public static Builder from(LeakDetectorConfig base) {
    return new Builder(base);
  }

  /** How far back the trend is fitted (and the quiet time after a finding): at least 3 buckets, at most 7 days. */
  public Duration window() {
    return window;
  }

  /** The floor is the minimum after-GC usage within each bucket, one point per bucket: positive, at most 1 h. */
  public Duration bucket() {
    return bucket;
  }

  /** Fewest buckets with a GC before any verdict, 3 to 10,000. */
  public int minPoints() {
    return minPoints;
  }

  /** Growth below this is not a leak; at least 1. */
  public long minBytesPerMinute() {
    return minBytesPerMinute;
  }

  /** How well a straight line must fit the floor, 0 to 1. */
  public double minRSquared() {
    return minRSquared;
  }

  /** Time between the two class histograms taken on a finding, 0 to 1 h. */
  public Duration histogramDelay() {
    return histogramDelay;
  }

  /** How many growing classes a finding lists, 1 to 1000. */
  public int topClasses() {
    return topClasses;
  }

  /** Whether to take class histograms on a finding. */
  public boolean histograms() {
    return histograms;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof LeakDetectorConfig o)) {
      return false;
    }
    return Objects.equals(window, o.window)
        && Objects.equals(bucket, o.bucket)
        && minPoints == o.minPoints
        && minBytesPerMinute == o.minBytesPerMinute
        && Double.compare(minRSquared, o.minRSquared) == 0
        && Objects.equals(histogramDelay, o.histogramDelay)
        && topClasses == o.topClasses
        && histograms == o.histograms;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        window,
        bucket,
        minPoints,
        minBytesPerMinute,
        minRSquared,
        histogramDelay,
        topClasses,
        histograms);
  }

  @Override
  public String toString() {
    return "LeakDetectorConfig{"
        + "window=" + window
        + ", bucket=" + bucket
        + ", minPoints=" + minPoints
        + ", minBytesPerMinute=" + minBytesPerMinute
        + ", minRSquared=" + minRSquared
        + ", histogramDelay=" + histogramDelay
        + ", topClasses=" + topClasses
        + ", histograms=" + histograms
        + "}";
  }

  /** Builds a {@link LeakDetectorConfig}; {@link #build()} validates every setting. Not thread-safe. */
  public static final class Builder {
    private Duration window = Duration.ofMinutes(15);
    private Duration bucket = Duration.ofSeconds(30);
    private int minPoints = 10;
    private long minBytesPerMinute = 1024 * 1024;
    private double minRSquared = 0.6;
    private Duration histogramDelay = Duration.ofSeconds(60);
    private int topClasses = 10;
    private boolean histograms = true;

    private Builder() {}

    private Builder(LeakDetectorConfig base) {
      this.window = base.window;
      this.bucket = base.bucket;
      this.minPoints = base.minPoints;
      this.minBytesPerMinute = base.minBytesPerMinute;
      this.minRSquared = base.minRSquared;
      this.histogramDelay = base.histogramDelay;
      this.topClasses = base.topClasses;
      this.histograms = base.histograms;
    }

    /** See {@link LeakDetectorConfig#window()}. */
    public Builder window(Duration value) {
      this.window = Objects.requireNonNull(value, "window");
      return this;
    }

    /** See {@link LeakDetectorConfig#bucket()}. */
    public Builder bucket(Duration value) {
      this.bucket = Objects.requireNonNull(value, "bucket");
      return this;
    }

    /** See {@link LeakDetectorConfig#minPoints()}. */
    public Builder minPoints(int value) {
      this.minPoints = value;
      return this;
    }

    /** See {@link LeakDetectorConfig#minBytesPerMinute()}. */
    public Builder minBytesPerMinute(long value) {
      this.minBytesPerMinute = value;
      return this;
    }

    /** See {@link LeakDetectorConfig#minRSquared()}. */
    public Builder minRSquared(double value) {
      this.minRSquared = value;
      return this;
    }

    /** See {@link LeakDetectorConfig#histogramDelay()}. */
    public Builder histogramDelay(Duration value) {
      this.histogramDelay = Objects.requireNonNull(value, "histogramDelay");
      return this;
    }

    /** See {@link LeakDetectorConfig#topClasses()}. */
    public Builder topClasses(int value) {
      this.topClasses = value;
      return this;
    }

    /** See {@link LeakDetectorConfig#histograms()}. */
    public Builder histograms(boolean value) {
      this.histograms = value;
      return this;
    }

    /**
     * Validates every setting and how they relate, and builds the config.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public LeakDetectorConfig build() {
      inRange("LeakDetectorConfig.bucket", bucket, Duration.ofNanos(1), Duration.ofHours(1));
      inRange("LeakDetectorConfig.window", window, bucket.multipliedBy(3), Duration.ofDays(7));
      inRange("LeakDetectorConfig.minPoints", minPoints, 3, 10_000);
      inRange("LeakDetectorConfig.minBytesPerMinute", minBytesPerMinute, 1, Long.MAX_VALUE);
      require(minRSquared >= 0 && minRSquared <= 1, "LeakDetectorConfig.minRSquared", "in [0, 1]", minRSquared);
      inRange("LeakDetectorConfig.histogramDelay", histogramDelay, Duration.ZERO, Duration.ofHours(1));
      inRange("LeakDetectorConfig.topClasses", topClasses, 1, 1000);
      return new LeakDetectorConfig(this);
    }
  }
}
