package dev.hotpath.load.internal;

import dev.hotpath.load.ProgressListener;
import dev.hotpath.load.RequestSpec;
import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.GeneratorSample;
import dev.hotpath.load.result.ErrorKind;
import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.metrics.LatencySnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/**
 * The reporting side of a run, on the engine's own thread: at each interval boundary it reads every
 * loop's recorder, hands the interval to the progress listener and keeps measured intervals as the
 * result's time series; at the end it builds the per-endpoint statistics.
 *
 * <p>Intervals tile the measured window exactly: warm-up ends on a boundary, and what completes
 * after the last boundary (the end of the plan, then the drain of requests still in flight) is
 * folded into the last interval instead of forming a short, nearly empty one of its own.
 */
final class Reporter {
  static final int MAX_INTERVALS = 256; // beyond it, neighbours are coalesced

  private final List<LoopRecorder> loops;
  private final EndpointTotals[] totals;
  private final RunClock clock;
  private final ArrivalPlan plan;
  private final ProgressListener listener;
  private final long intervalNanos;
  private final Duration runLength;
  private final List<IntervalStats> series = new ArrayList<>();
  private final long[][] previous = new long[2][3]; // [phase] {ended ok, errors, dropped}; bytes below
  private final long[] previousBytes = new long[2];
  private final long[][] previousKinds = new long[2][ErrorKind.values().length]; // [phase][kind]
  private LatencySnapshot lagTotal = LatencySnapshot.empty();
  private long[] gaugesAtEnd = {-1, 0, 0}; // {outstanding, queued, open connections} when sending stopped; -1 = live

  Reporter(List<LoopRecorder> loops, List<RequestSpec> specs, RunClock clock, ArrivalPlan plan,
      ProgressListener listener, Duration interval, Duration runLength) {
    this.loops = loops;
    this.clock = clock;
    this.plan = plan;
    this.listener = listener;
    this.intervalNanos = interval.toNanos();
    this.runLength = runLength;
    this.totals = new EndpointTotals[specs.size()];
    for (int i = 0; i < totals.length; i++) {
      totals[i] = new EndpointTotals(specs.get(i).name(), i);
    }
  }

  /** The boundary after {@code previous}: warm-up ends on one, then every interval. */
  long nextBoundary(long previous) {
    long measureStart = clock.measureStart();
    if (previous - measureStart < 0) {
      return Math.min(previous + intervalNanos, measureStart);
    }
    return previous + intervalNanos;
  }

  /** Reports the interval {@code [from, to)}; measured ones join the series. */
  void tick(long from, long to) {
    boolean warmingUp = to - clock.measureStart() <= 0;
    IntervalStats interval = interval(from, to, warmingUp);
    listener.onInterval(interval, Duration.ofNanos(to - clock.start()), runLength, warmingUp);
    if (!warmingUp) {
      append(interval);
    }
  }

  /** Sending stopped: the last interval shows the generator's state now, not after the drain closed everything. */
  void markEnd() {
    gaugesAtEnd = gauges();
  }

  private long[] gauges() {
    long[] g = new long[3];
    for (LoopRecorder loop : loops) {
      g[0] += loop.loop.get(LoopRecorder.OUTSTANDING);
      g[1] += loop.loop.get(LoopRecorder.QUEUED_NOW);
      g[2] += loop.loop.get(LoopRecorder.OPEN_CONNECTIONS);
    }
    return g;
  }

  /**
   * The last interval, after the drain: {@code [from, measuredEnd)} holding everything that completed
   * since {@code from}, reported to the listener like the others. In the series, a piece shorter
   * than half an interval joins the interval before it.
   */
  void finish(long from, long measuredEnd) {
    long to = Math.max(from, measuredEnd);
    if (to - clock.measureStart() <= 0) {
      return; // stopped during warm-up: nothing measured
    }
    IntervalStats last = interval(from, to, false);
    listener.onInterval(last, Duration.ofNanos(to - clock.start()), runLength, false);
    boolean shortPiece = to - from < intervalNanos / 2;
    if (shortPiece && !series.isEmpty()) {
      int i = series.size() - 1;
      series.set(i, series.get(i).merge(last));
    } else if (to > from || last.completed() > 0) {
      append(last);
    }
  }

  @SuppressWarnings("EnumOrdinal") // the recorder counts errors by kind at ERRORS + ordinal
  private IntervalStats interval(long from, long to, boolean warmingUp) {
    int phase = warmingUp ? LoopRecorder.WARMUP : LoopRecorder.MEASURED;
    LatencySnapshot lat = LatencySnapshot.empty();
    LatencySnapshot svc = LatencySnapshot.empty();
    long ok = 0;
    long errors = 0;
    long dropped = 0;
    long bytes = 0;
    long[] kinds = new long[ErrorKind.values().length];
    for (int e = 0; e < totals.length; e++) {
      if (warmingUp) {
        for (LoopRecorder loop : loops) {
          lat = lat.merge(loop.phases[phase][e].latency.intervalSnapshot());
          svc = svc.merge(loop.phases[phase][e].serviceTime.intervalSnapshot());
        }
      } else {
        LatencySnapshot[] s = totals[e].takeInterval(loops);
        lat = lat.merge(s[0]);
        svc = svc.merge(s[1]);
      }
      long[] sum = EndpointTotals.sum(loops, phase, e);
      ok += sum[LoopRecorder.SUCCESSES];
      for (int k = LoopRecorder.ERRORS; k < LoopRecorder.STATUS; k++) {
        errors += sum[k];
        kinds[k - LoopRecorder.ERRORS] += sum[k];
      }
      dropped += sum[LoopRecorder.DROPPED];
      bytes += sum[LoopRecorder.BYTES_RECEIVED];
    }
    long[] prev = previous[phase];
    long dOk = ok - prev[0];
    long dErr = errors - prev[1];
    long dDropped = dropped - prev[2];
    long dBytes = bytes - previousBytes[phase];
    prev[0] = ok;
    prev[1] = errors;
    prev[2] = dropped;
    previousBytes[phase] = bytes;
    EnumMap<ErrorKind, Long> byKind = new EnumMap<>(ErrorKind.class);
    for (ErrorKind k : ErrorKind.values()) {
      int i = k.ordinal();
      byKind.put(k, kinds[i] - previousKinds[phase][i]);
      previousKinds[phase][i] = kinds[i];
    }

    LatencySnapshot lag = LatencySnapshot.empty();
    for (LoopRecorder loop : loops) {
      lag = lag.merge(loop.lag[phase].intervalSnapshot());
    }
    long[] g = gaugesAtEnd[0] >= 0 ? gaugesAtEnd : gauges();
    long outstanding = g[0];
    long queued = g[1];
    long open = g[2];
    if (!warmingUp) {
      lagTotal = lagTotal.merge(lag);
    }
    GeneratorSample generator = GeneratorSample.builder()
        .scheduleLag(lag)
        .inFlight(Math.max(0, outstanding - queued))
        .queued(Math.max(0, queued))
        .openConnections((int) Math.max(0, Math.min(Integer.MAX_VALUE, open)))
        .targetRate(plan.rateAt((from + to) / 2 - clock.start()))
        .build();
    long origin = warmingUp ? clock.start() : clock.measureStart();
    return new IntervalStats(Duration.ofNanos(Math.max(0, from - origin)), Duration.ofNanos(Math.max(0, to - from)),
        dOk + dErr, dOk, dErr, dDropped, dBytes, lat, svc).withGenerator(generator).withErrorsByKind(byKind);
  }

  private void append(IntervalStats interval) {
    series.add(interval);
    if (series.size() >= MAX_INTERVALS) {
      List<IntervalStats> merged = new ArrayList<>();
      for (int i = 0; i + 1 < series.size(); i += 2) {
        merged.add(series.get(i).merge(series.get(i + 1)));
      }
      if (series.size() % 2 == 1) {
        merged.add(series.get(series.size() - 1));
      }
      series.clear();
      series.addAll(merged);
    }
  }

  List<IntervalStats> series() {
    return List.copyOf(series);
  }

  /** The schedule lag of every measured planned send (after the last tick). */
  LatencySnapshot scheduleLag() {
    return lagTotal;
  }

  /** Planned requests that had to wait for a free connection (measured). */
  long queueWaits() {
    long n = 0;
    for (LoopRecorder loop : loops) {
      n += loop.loop.get(LoopRecorder.QUEUE_WAITS);
    }
    return n;
  }

  /** Requests planned and not yet ended, over every loop. */
  long outstanding() {
    long n = 0;
    for (LoopRecorder loop : loops) {
      n += loop.loop.get(LoopRecorder.OUTSTANDING);
    }
    return n;
  }

  /** Per-endpoint statistics over {@code elapsed}, after {@link #finish}. */
  List<EndpointStats> endpoints(Duration elapsed) {
    List<EndpointStats> out = new ArrayList<>();
    for (EndpointTotals t : totals) {
      out.add(t.stats(loops, elapsed));
    }
    return out;
  }

  /** All endpoints together, named {@code overall}. */
  static EndpointStats overall(List<EndpointStats> endpoints) {
    EndpointStats overall = null;
    for (EndpointStats s : endpoints) {
      overall = overall == null ? s : overall.merge(s, "overall");
    }
    if (overall == null) {
      throw new IllegalStateException("no endpoints");
    }
    if (endpoints.size() == 1) {
      EndpointStats s = endpoints.get(0);
      overall = new EndpointStats("overall", s.elapsed(), s.planned(), s.successes(), s.errors(), s.dropped(),
          s.statusCodes(), s.bytesSent(), s.bytesReceived(), s.latency(), s.serviceTime(), s.serverTiming());
    }
    return overall;
  }
}
