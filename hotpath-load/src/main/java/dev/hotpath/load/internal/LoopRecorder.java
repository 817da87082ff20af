package dev.hotpath.load.internal;

import dev.hotpath.load.result.ErrorKind;
import dev.hotpath.metrics.LatencyRecorder;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What one event loop measured: per endpoint and per phase (warm-up, measured) the outcome
 * counters, response statuses, latency and service-time histograms and Server-Timing metrics; per
 * loop the schedule lag, requests outstanding, the wait queue and open connections. Written by its
 * event loop only (no contention, nothing allocated per request); read by the reporting thread.
 *
 * <p>A request belongs to the phase of its intended start: one meant to start during warm-up is
 * never counted in the results, however late it completes.
 */
final class LoopRecorder {
  static final int WARMUP = 0;
  static final int MEASURED = 1;

  /** More distinct Server-Timing names than this per endpoint are ignored (bounded memory). */
  static final int MAX_SERVER_TIMING_NAMES = 32;

  // per endpoint counters
  static final int PLANNED = 0;
  static final int SUCCESSES = 1;
  static final int DROPPED = 2;
  static final int BYTES_SENT = 3;
  static final int BYTES_RECEIVED = 4;
  static final int ERRORS = 5; // + ErrorKind.ordinal()
  static final int STATUS = ERRORS + ErrorKind.values().length; // + status code (100..599)
  static final int ENDPOINT_COUNTERS = STATUS + 600;

  // per loop counters
  static final int OUTSTANDING = 0; // planned, not yet ended (queued or in flight)
  static final int QUEUED_NOW = 1;
  static final int QUEUE_WAITS = 2; // planned requests that had to wait for a connection (measured)
  static final int OPEN_CONNECTIONS = 3;
  static final int LOOP_COUNTERS = 4;

  /** One endpoint in one phase. */
  static final class Endpoint {
    final Counters counters = new Counters(ENDPOINT_COUNTERS);
    final LatencyRecorder latency = new LatencyRecorder();
    final LatencyRecorder serviceTime = new LatencyRecorder();
    final ConcurrentHashMap<String, LatencyRecorder> serverTiming = new ConcurrentHashMap<>();

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
  }

  private final RunClock clock;
  private final ExpectedStatuses expected;
  final Endpoint[][] phases; // [phase][endpoint]
  final LatencyRecorder[] lag = {new LatencyRecorder(), new LatencyRecorder()}; // per phase
  final Counters loop = new Counters(LOOP_COUNTERS);

  LoopRecorder(RunClock clock, ExpectedStatuses expected) {
    this.clock = clock;
    this.expected = expected;
    int n = expected.endpoints();
    this.phases = new Endpoint[2][n];
    for (int p = 0; p < 2; p++) {
      for (int e = 0; e < n; e++) {
        phases[p][e] = new Endpoint();
      }
    }
  }

  private Endpoint of(int endpoint, long intendedAt) {
    return phases[clock.measured(intendedAt) ? MEASURED : WARMUP][endpoint];
  }

  /** An open-model arrival handled at {@code now}, due at {@code intendedAt}. */
  void scheduled(long intendedAt, long now) {
    lag[clock.measured(intendedAt) ? MEASURED : WARMUP].record(now - intendedAt);
  }

  void planned(int endpoint, long intendedAt) {
    loop.add(OUTSTANDING, 1);
    of(endpoint, intendedAt).counters.add(PLANNED, 1);
  }

  /** A planned request found no free connection and waits in the queue (now {@code queueSize} long). */
  void queued(long intendedAt, int queueSize) {
    loop.set(QUEUED_NOW, queueSize);
    if (clock.measured(intendedAt)) {
      loop.add(QUEUE_WAITS, 1);
    }
  }

  void queueSize(int size) {
    loop.set(QUEUED_NOW, size);
  }

  void dropped(int endpoint, long intendedAt) {
    loop.add(OUTSTANDING, -1);
    of(endpoint, intendedAt).counters.add(DROPPED, 1);
  }

  @SuppressWarnings("EnumOrdinal") // counters indexed by kind: no map lookup per error
  void failed(int endpoint, long intendedAt, ErrorKind kind) {
    loop.add(OUTSTANDING, -1);
    of(endpoint, intendedAt).counters.add(ERRORS + kind.ordinal(), 1);
  }

  void sent(int endpoint, long intendedAt, int bytes) {
    of(endpoint, intendedAt).counters.add(BYTES_SENT, bytes);
  }

  /** A complete response (any status) to a request due at {@code intendedAt} and written at {@code sentAt}. */
  @SuppressWarnings("EnumOrdinal")
  void completed(int endpoint, long intendedAt, long sentAt, long now, int status, long bodyBytes,
      @Nullable String serverTiming) {
    loop.add(OUTSTANDING, -1);
    Endpoint e = of(endpoint, intendedAt);
    e.latency.record(now - intendedAt);
    e.serviceTime.record(now - sentAt);
    Counters c = e.counters;
    if (status >= 100 && status < 600) {
      c.add(STATUS + status, 1);
    }
    c.add(BYTES_RECEIVED, bodyBytes);
    if (expected.isExpected(endpoint, status)) {
      c.add(SUCCESSES, 1);
    } else {
      c.add(ERRORS + ErrorKind.forStatus(status).ordinal(), 1);
    }
    if (serverTiming != null && clock.measured(intendedAt)) {
      ServerTimingParser.parse(serverTiming, e::serverTiming);
    }
  }

  void connectionOpened() {
    loop.add(OPEN_CONNECTIONS, 1);
  }

  void connectionClosed() {
    loop.add(OPEN_CONNECTIONS, -1);
  }
}
