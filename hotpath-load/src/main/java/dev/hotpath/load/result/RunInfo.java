package dev.hotpath.load.result;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What was run, when and how: the metadata of a {@link LoadResult}.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * RunInfo run = result.run();
 * System.out.println(run.model() + " " + run.schedule() + " against " + run.target());
 * }</pre>
 *
 * @param tool the generator and its version, e.g. {@code hotpath 0.1.0}
 * @param startedAt wall-clock time the measured part (after warm-up) began
 * @param duration measured time (warm-up excluded; shorter than asked when interrupted)
 * @param warmup warm-up time excluded from the results
 * @param model open or closed
 * @param target the URL, or the scenario file
 * @param schedule the arrival plan for people, e.g. {@code rate 100/s}, {@code stages 30s:100,1m:1000}
 *     or {@code think time 0s} (closed model)
 * @param connections HTTP connections used
 * @param pipelining requests in flight per connection (1 = no pipelining)
 * @param interrupted whether the run was stopped early (Ctrl-C)
 * @param labels free-form key/value pairs (e.g. {@code shard=1/4}, {@code host=...})
 * @param protocol the HTTP version spoken: {@code http/1.1}, {@code h2} (over TLS) or {@code h2c}
 *     (cleartext); every figure of the result is for this protocol
 * @param transport the generator's socket I/O ({@code epoll}, {@code io_uring}, {@code nio});
 *     empty when unknown (older results)
 */
public record RunInfo(
    String tool,
    Instant startedAt,
    Duration duration,
    Duration warmup,
    LoadModel model,
    String target,
    String schedule,
    int connections,
    int pipelining,
    boolean interrupted,
    Map<String, String> labels,
    String protocol,
    String transport) {
  /** The protocol of results that do not say (written before HTTP/2 existed). */
  public static final String DEFAULT_PROTOCOL = "http/1.1";

  /** A run over HTTP/1.1 on an unrecorded transport (results written before these fields existed). */
  public RunInfo(String tool, Instant startedAt, Duration duration, Duration warmup, LoadModel model, String target,
      String schedule, int connections, int pipelining, boolean interrupted, Map<String, String> labels) {
    this(tool, startedAt, duration, warmup, model, target, schedule, connections, pipelining, interrupted, labels,
        DEFAULT_PROTOCOL, "");
  }

  public RunInfo {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(schedule, "schedule");
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }
}
