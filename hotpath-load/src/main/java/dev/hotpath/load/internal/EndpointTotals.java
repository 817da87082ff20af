package dev.hotpath.load.internal;

import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.ErrorKind;
import dev.hotpath.load.result.ServerTimingStats;
import dev.hotpath.metrics.LatencySnapshot;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reporting thread's running totals of one endpoint's measured phase, over every event loop:
 * interval histograms are folded in at each tick, counters are summed when the stats are built.
 * Reporting thread only.
 */
final class EndpointTotals {
  private final String name;
  private final int index;
  private LatencySnapshot latency = LatencySnapshot.empty();
  private LatencySnapshot serviceTime = LatencySnapshot.empty();
  private final Map<String, LatencySnapshot> serverTiming = new HashMap<>();

  EndpointTotals(String name, int index) {
    this.name = name;
    this.index = index;
  }

  /** Folds this interval's histograms from every loop into the totals; returns the interval's {latency, service time}. */
  LatencySnapshot[] takeInterval(List<LoopRecorder> loops) {
    LatencySnapshot l = LatencySnapshot.empty();
    LatencySnapshot s = LatencySnapshot.empty();
    for (LoopRecorder loop : loops) {
      LoopRecorder.Endpoint e = loop.phases[LoopRecorder.MEASURED][index];
      l = l.merge(e.latency.intervalSnapshot());
      s = s.merge(e.serviceTime.intervalSnapshot());
      e.serverTiming.forEach((k, r) -> serverTiming.merge(k, r.intervalSnapshot(), LatencySnapshot::merge));
    }
    latency = latency.merge(l);
    serviceTime = serviceTime.merge(s);
    return new LatencySnapshot[] {l, s};
  }

  /** After the last {@link #takeInterval}: the endpoint's stats over {@code elapsed}. */
  @SuppressWarnings("EnumOrdinal")
  EndpointStats stats(List<LoopRecorder> loops, Duration elapsed) {
    long[] sum = sum(loops, LoopRecorder.MEASURED, index);
    EnumMap<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
    for (ErrorKind k : ErrorKind.values()) {
      long v = sum[LoopRecorder.ERRORS + k.ordinal()];
      if (v > 0) {
        errors.put(k, v);
      }
    }
    Map<Integer, Long> statuses = new HashMap<>();
    for (int code = 100; code < 600; code++) {
      long v = sum[LoopRecorder.STATUS + code];
      if (v > 0) {
        statuses.put(code, v);
      }
    }
    Map<String, ServerTimingStats> st = new HashMap<>();
    serverTiming.forEach((k, v) -> st.put(k, new ServerTimingStats(v)));
    return new EndpointStats(name, elapsed, sum[LoopRecorder.PLANNED], sum[LoopRecorder.SUCCESSES], errors,
        sum[LoopRecorder.DROPPED], statuses, sum[LoopRecorder.BYTES_SENT], sum[LoopRecorder.BYTES_RECEIVED],
        latency, serviceTime, st);
  }

  /** Every endpoint counter of {@code phase} and {@code endpoint}, summed over the loops. */
  static long[] sum(List<LoopRecorder> loops, int phase, int endpoint) {
    long[] out = new long[LoopRecorder.ENDPOINT_COUNTERS];
    for (LoopRecorder loop : loops) {
      Counters c = loop.phases[phase][endpoint].counters;
      for (int i = 0; i < out.length; i++) {
        out[i] += c.get(i);
      }
    }
    return out;
  }
}
