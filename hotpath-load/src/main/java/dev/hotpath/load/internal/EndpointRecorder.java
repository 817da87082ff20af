package dev.hotpath.load.internal;

import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.ErrorKind;
import dev.hotpath.load.RequestSpec;
import dev.hotpath.load.result.ServerTimingStats;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencySnapshot;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters and histograms of one endpoint. Event loops record (wait-free); the reporting
 * thread takes interval snapshots and folds them into the running totals. Nothing per request.
 */
public final class EndpointRecorder {
  /** More distinct Server-Timing names than this per endpoint are ignored (bounded memory). */
  static final int MAX_SERVER_TIMING_NAMES = 32;

  final String name;
  final RequestSpec spec;
  final LatencyRecorder latency = new LatencyRecorder();
  final LatencyRecorder serviceTime = new LatencyRecorder();
  final LongAdder planned = new LongAdder();
  final LongAdder successes = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder bytesSent = new LongAdder();
  final LongAdder bytesReceived = new LongAdder();
  final LongAdder[] errors = new LongAdder[ErrorKind.values().length];
  final ConcurrentHashMap<Integer, LongAdder> statusCodes = new ConcurrentHashMap<>();
  final ConcurrentHashMap<String, LatencyRecorder> serverTiming = new ConcurrentHashMap<>();

  // reporting thread only
  private LatencySnapshot latencyTotal = LatencySnapshot.empty();
  private LatencySnapshot serviceTotal = LatencySnapshot.empty();
  private final Map<String, LatencySnapshot> serverTimingTotal = new HashMap<>();

  EndpointRecorder(RequestSpec spec) {
    this.spec = spec;
    this.name = spec.name();
    for (int i = 0; i < errors.length; i++) {
      errors[i] = new LongAdder();
    }
  }

  @SuppressWarnings("EnumOrdinal") // an array indexed by kind: no map lookup per error
  void error(ErrorKind kind) {
    errors[kind.ordinal()].increment();
  }

  void status(int code) {
    LongAdder a = statusCodes.get(code);
    if (a == null) {
      a = statusCodes.computeIfAbsent(code, c -> new LongAdder());
    }
    a.increment();
  }

  void serverTiming(String metric, long nanos) {
    LatencyRecorder r = serverTiming.get(metric);
    if (r == null) {
      if (serverTiming.size() >= MAX_SERVER_TIMING_NAMES) {
        return;
      }
      r = serverTiming.computeIfAbsent(metric, m -> new LatencyRecorder());
    }
    r.record(nanos);
  }

  long errorCount() {
    long n = 0;
    for (LongAdder a : errors) {
      n += a.sum();
    }
    return n;
  }

  /** Reporting thread: this interval's latency and service-time snapshots, folded into the totals. */
  LatencySnapshot[] takeInterval() {
    LatencySnapshot l = latency.intervalSnapshot();
    LatencySnapshot s = serviceTime.intervalSnapshot();
    latencyTotal = latencyTotal.merge(l);
    serviceTotal = serviceTotal.merge(s);
    serverTiming.forEach((k, r) -> serverTimingTotal.merge(k, r.intervalSnapshot(), LatencySnapshot::merge));
    return new LatencySnapshot[] {l, s};
  }

  /** Reporting thread: discards what was recorded so far (end of warm-up). */
  void resetTotals() {
    latencyTotal = LatencySnapshot.empty();
    serviceTotal = LatencySnapshot.empty();
    serverTimingTotal.clear();
  }

  /** Reporting thread, after {@link #takeInterval()}: the totals as public stats. */
  @SuppressWarnings("EnumOrdinal")
  EndpointStats stats(Duration elapsed) {
    EnumMap<ErrorKind, Long> e = new EnumMap<>(ErrorKind.class);
    for (ErrorKind k : ErrorKind.values()) {
      long v = errors[k.ordinal()].sum();
      if (v > 0) {
        e.put(k, v);
      }
    }
    Map<Integer, Long> s = new HashMap<>();
    statusCodes.forEach((k, v) -> s.put(k, v.sum()));
    Map<String, ServerTimingStats> st = new HashMap<>();
    serverTimingTotal.forEach((k, v) -> st.put(k, new ServerTimingStats(v)));
    return new EndpointStats(name, elapsed, planned.sum(), successes.sum(), e, dropped.sum(), s,
        bytesSent.sum(), bytesReceived.sum(), latencyTotal, serviceTotal, st);
  }
}
