package dev.hotpath.load.result;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole outcome of a load run: metadata, overall and per-endpoint statistics, the time series,
 * threshold verdicts and the generator's own health. Histograms travel whole (never averaged
 * percentiles), so results of shards or repeated runs merge exactly. Read and written as JSON by
 * {@link LoadResultJson} ({@code "format": "hotpath-load-result", "version": 1}, see docs/load.md).
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * LoadResult r = LoadResultJson.read(Path.of("result.json"));
 * System.out.println(r.overall().latency().p99() + " ns at " + r.overall().rps() + " req/s");
 * }</pre>
 *
 * @param run what was run
 * @param overall all endpoints together
 * @param endpoints one entry per endpoint, in scenario order
 * @param intervals the time series, in time order
 * @param thresholds verdicts of {@code --threshold} expressions, in the order given
 * @param generator the load generator's own health
 */
public record LoadResult(
    RunInfo run,
    EndpointStats overall,
    List<EndpointStats> endpoints,
    List<IntervalStats> intervals,
    List<ThresholdResult> thresholds,
    GeneratorHealth generator) {

  /** The value of the {@code format} field in result.json. */
  public static final String FORMAT = "hotpath-load-result";

  /** The current version of the format; readers accept this and older versions. */
  public static final int VERSION = 1;

  public LoadResult {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(overall, "overall");
    Objects.requireNonNull(generator, "generator");
    endpoints = List.copyOf(endpoints);
    intervals = List.copyOf(intervals);
    thresholds = List.copyOf(thresholds);
  }

  /** The endpoint named {@code name}, if any. */
  public Optional<EndpointStats> endpoint(String name) {
    return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Whether every threshold passed (true when there are none). */
  public boolean thresholdsPassed() {
    return thresholds.stream().allMatch(ThresholdResult::passed);
  }

  /** This result with {@code thresholds} as its verdicts. */
  public LoadResult withThresholds(List<ThresholdResult> thresholds) {
    return new LoadResult(run, overall, endpoints, intervals, thresholds, generator);
  }
}
