package dev.hotpath.metrics;

import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link Threshold} finds the value of a {@link Metric}: latency statistics in nanoseconds,
 * rates as fractions from 0 to 1, throughput per second. Empty when the source lacks that figure.
 */
@FunctionalInterface
public interface MetricValues {

  /** The value of {@code metric}, or empty if this source does not have it. */
  OptionalDouble value(Metric metric);

  /**
   * The usual source: a latency distribution, outcomes, and optionally throughput and
   * availability (absent ones make their metrics empty).
   */
  static MetricValues of(
      LatencySnapshot latency,
      Outcomes outcomes,
      @Nullable Throughput throughput,
      @Nullable Availability availability) {
    return metric ->
        switch (metric.kind()) {
          case PERCENTILE -> OptionalDouble.of((double) latency.percentile(metric.percentile()));
          case MEAN -> OptionalDouble.of(latency.mean());
          case MIN -> OptionalDouble.of((double) latency.min());
          case MAX -> OptionalDouble.of((double) latency.max());
          case STDDEV -> OptionalDouble.of(latency.stdDev());
          case ERROR_RATE -> OptionalDouble.of(outcomes.errorRate());
          case TIMEOUT_RATE -> OptionalDouble.of(outcomes.timeoutRate());
          case RPS -> throughput == null ? OptionalDouble.empty() : OptionalDouble.of(throughput.perSecond());
          case AVAILABILITY ->
              availability == null ? OptionalDouble.empty() : OptionalDouble.of(availability.availability());
        };
  }
}
