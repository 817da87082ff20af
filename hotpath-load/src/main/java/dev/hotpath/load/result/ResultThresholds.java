package dev.hotpath.load.result;

import dev.hotpath.metrics.Metric;
import dev.hotpath.metrics.MetricValues;
import dev.hotpath.metrics.Threshold;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Evaluates {@link Threshold} expressions ({@code p99<200ms}, {@code error_rate<0.1%}, {@code
 * rps>=1000}, ...) against a finished {@link LoadResult} — typically one merged from shards, so
 * the verdict is global, not per shard. Percentiles come from the whole histogram, never from
 * averaged shard percentiles.
 *
 * <p>Figures: latency statistics from {@link EndpointStats#latency()} (from intended start);
 * {@code error_rate} is {@link EndpointStats#errorRate()}; {@code timeout_rate} is timeouts over
 * completed requests; {@code rps} is completed requests per second; {@code availability} is {@code
 * 1 - error_rate}.
 *
 * <p>Thread-safe: stateless.
 *
 * <pre>{@code
 * LoadResult checked = ResultThresholds.evaluate(merged, List.of("p99<200ms", "error_rate<0.1%"));
 * if (!checked.thresholdsPassed()) System.exit(99);
 * }</pre>
 */
public final class ResultThresholds {
  private ResultThresholds() {}

  /**
   * {@code result} with the verdicts of {@code expressions} (on the overall figures) as its
   * thresholds, replacing any it had.
   *
   * @throws IllegalArgumentException (a {@code ThresholdSyntaxException}) for a malformed expression
   */
  public static LoadResult evaluate(LoadResult result, List<String> expressions) {
    List<Threshold> parsed = new ArrayList<>();
    for (String e : expressions) {
      parsed.add(Threshold.parse(e));
    }
    MetricValues values = valuesOf(result.overall());
    List<ThresholdResult> verdicts = new ArrayList<>();
    for (Threshold t : parsed) {
      Threshold.Result r = t.evaluate(values);
      String actual = Double.isNaN(r.actual())
          ? t.metric().name() + " not measured"
          : t.metric().name() + " = " + Threshold.format(t.metric(), r.actual());
      verdicts.add(new ThresholdResult(t.expression(), r.passed(), actual));
    }
    return result.withThresholds(verdicts);
  }

  /** The figures of {@code stats} as thresholds see them. */
  public static MetricValues valuesOf(EndpointStats stats) {
    return (Metric metric) -> {
      long completed = stats.completed();
      return switch (metric.kind()) {
        case PERCENTILE -> OptionalDouble.of((double) stats.latency().percentile(metric.percentile()));
        case MEAN -> OptionalDouble.of(stats.latency().mean());
        case MIN -> OptionalDouble.of((double) stats.latency().min());
        case MAX -> OptionalDouble.of((double) stats.latency().max());
        case STDDEV -> OptionalDouble.of(stats.latency().stdDev());
        case ERROR_RATE -> OptionalDouble.of(stats.errorRate());
        case TIMEOUT_RATE -> OptionalDouble.of(completed == 0 ? 0
            : (double) stats.errors().getOrDefault(ErrorKind.TIMEOUT, 0L) / completed);
        case RPS -> OptionalDouble.of(stats.rps());
        case AVAILABILITY -> OptionalDouble.of(1 - stats.errorRate());
      };
    };
  }
}
