package dev.hotpath.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link LeakDetector}. Immutable; the builder validates each value.
 *
 * <pre>{@code
 * LeakDetectorConfig cfg = LeakDetectorConfig.builder().window(Duration.ofMinutes(15)).build();
 * }</pre>
 *
 * @param window how far back the trend is fitted (and the quiet time after a finding)
 * @param bucket the floor is the minimum after-GC usage within each bucket; one point per bucket
 * @param minPoints fewest buckets with a GC before any verdict
 * @param minBytesPerMinute growth below this is not a leak
 * @param minRSquared how well a straight line must fit the floor (0..1)
 * @param histogramDelay time between the two class histograms taken on a finding
 * @param topClasses how many growing classes a finding lists
 * @param histograms whether to take class histograms on a finding
 */
public record LeakDetectorConfig(
    Duration window,
    Duration bucket,
    int minPoints,
    long minBytesPerMinute,
    double minRSquared,
    Duration histogramDelay,
    int topClasses,
    boolean histograms) {

  public LeakDetectorConfig {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(histogramDelay, "histogramDelay");
    if (bucket.isNegative() || bucket.isZero()) {
      throw new IllegalArgumentException("bucket must be positive, was " + bucket);
    }
    if (window.compareTo(bucket.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException("window must be at least 3 buckets (" + bucket.multipliedBy(3) + "), was " + window);
    }
    if (minPoints < 3 || minPoints > 10_000) {
      throw new IllegalArgumentException("minPoints must be within [3, 10000], was " + minPoints);
    }
    if (minBytesPerMinute < 1) {
      throw new IllegalArgumentException("minBytesPerMinute must be at least 1, was " + minBytesPerMinute);
    }
    if (!(minRSquared >= 0 && minRSquared <= 1)) {
      throw new IllegalArgumentException("minRSquared must be within [0, 1], was " + minRSquared);
    }
    if (histogramDelay.isNegative()) {
      throw new IllegalArgumentException("histogramDelay must not be negative, was " + histogramDelay);
    }
    if (topClasses < 1 || topClasses > 1000) {
      throw new IllegalArgumentException("topClasses must be within [1, 1000], was " + topClasses);
    }
  }

  /** 15 min window, 30 s buckets, 10 points, 1 MiB/min, R² 0.6, histograms 60 s apart, top 10. */
  public static LeakDetectorConfig ofDefaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link LeakDetectorConfig} starting from the defaults. */
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

    public Builder window(Duration v) {
      window = v;
      return this;
    }

    public Builder bucket(Duration v) {
      bucket = v;
      return this;
    }

    public Builder minPoints(int v) {
      minPoints = v;
      return this;
    }

    public Builder minBytesPerMinute(long v) {
      minBytesPerMinute = v;
      return this;
    }

    public Builder minRSquared(double v) {
      minRSquared = v;
      return this;
    }

    public Builder histogramDelay(Duration v) {
      histogramDelay = v;
      return this;
    }

    public Builder topClasses(int v) {
      topClasses = v;
      return this;
    }

    public Builder histograms(boolean v) {
      histograms = v;
      return this;
    }

    public LeakDetectorConfig build() {
      return new LeakDetectorConfig(
          window, bucket, minPoints, minBytesPerMinute, minRSquared, histogramDelay, topClasses, histograms);
    }
  }
}
