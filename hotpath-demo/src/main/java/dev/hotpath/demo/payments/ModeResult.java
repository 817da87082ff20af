package dev.hotpath.demo.payments;

import dev.hotpath.metrics.Availability;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencySnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** What one mode's run measured: per second of the timeline and in total. */
@SuppressWarnings("EnumOrdinal") // error counters indexed by class: no map per second
final class ModeResult {
  /** One second of the timeline. Thread-safe counters, filled by the driver's request threads. */
  static final class Second {
    final AtomicLong paymentsOk = new AtomicLong();
    final AtomicLong paymentsFailed = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong requestsOk = new AtomicLong();
    final AtomicLong queueDepth = new AtomicLong(-1);
    final AtomicLongArray errors = new AtomicLongArray(ErrorClass.values().length);
    final LatencyRecorder balance = new LatencyRecorder();
    LatencySnapshot balanceSnapshot = LatencySnapshot.empty();
  }

  final String mode;
  final String queueKind;
  final FaultTimeline timeline;
  final Second[] seconds;
  final int loadSeconds;
  final long accepted;
  final long doubleCharged;
  final long extraCharges;
  final long lost;
  final long unsettled;
  final long pendingAtEnd;
  final long openOutboxAtEnd;
  final double drainSeconds;
  final LatencySnapshot balance;
  final LatencySnapshot balanceInFaults;
  final LatencySnapshot refusalsInOutage;
  final LatencySnapshot attemptsInOutage;
  final LatencySnapshot driverLag;
  final long[] errorTotals = new long[ErrorClass.values().length];
  final double requestAvailability;
  final double requestAvailabilityOutsideOutage;
  final Availability availability;

  ModeResult(String mode, String queueKind, FaultTimeline timeline, Second[] seconds, long accepted, long doubleCharged,
      long extraCharges, long lost, long unsettled, long pendingAtEnd, long openOutboxAtEnd, double drainSeconds, LatencySnapshot balance,
      LatencySnapshot balanceInFaults, LatencySnapshot refusalsInOutage, LatencySnapshot attemptsInOutage,
      LatencySnapshot driverLag) {
    this.mode = mode;
    this.queueKind = queueKind;
    this.timeline = timeline;
    this.seconds = seconds;
    this.loadSeconds = (int) timeline.load().toSeconds();
    this.accepted = accepted;
    this.doubleCharged = doubleCharged;
    this.extraCharges = extraCharges;
    this.lost = lost;
    this.unsettled = unsettled;
    this.pendingAtEnd = pendingAtEnd;
    this.openOutboxAtEnd = openOutboxAtEnd;
    this.drainSeconds = drainSeconds;
    this.balance = balance;
    this.balanceInFaults = balanceInFaults;
    this.refusalsInOutage = refusalsInOutage;
    this.attemptsInOutage = attemptsInOutage;
    this.driverLag = driverLag;
    FaultTimeline.Window outage = timeline.window(FaultTimeline.Fault.GATEWAY_DOWN);
    long requests = 0;
    long ok = 0;
    long requestsOutside = 0;
    long okOutside = 0;
    List<Availability.Interval> intervals = new ArrayList<>();
    for (int i = 0; i < seconds.length; i++) {
      Second s = seconds[i];
      s.balanceSnapshot = s.balance.intervalSnapshot();
      for (int e = 0; e < errorTotals.length; e++) {
        errorTotals[e] += s.errors.get(e);
      }
      if (i >= loadSeconds) {
        continue;
      }
      long r = s.requests.get();
      long o = s.requestsOk.get();
      requests += r;
      ok += o;
      boolean inOutage = outage.start().toMillis() < (i + 1) * 1000L && outage.end().toMillis() > i * 1000L;
      if (!inOutage) {
        requestsOutside += r;
        okOutside += o;
      }
      boolean failing = r > 0 && (double) o / r < 0.99;
      intervals.add(failing ? Availability.Interval.failing(Duration.ofSeconds(1)) : Availability.Interval.up(Duration.ofSeconds(1)));
    }
    this.requestAvailability = requests == 0 ? 0 : (double) ok / requests;
    this.requestAvailabilityOutsideOutage = requestsOutside == 0 ? 0 : (double) okOutside / requestsOutside;
    this.availability = Availability.of(intervals);
  }

  /** Successful payments per second over the load, on average. */
  double paymentsPerSecond() {
    long ok = 0;
    for (int i = 0; i < Math.min(loadSeconds, seconds.length); i++) {
      ok += seconds[i].paymentsOk.get();
    }
    return (double) ok / loadSeconds;
  }

  long maxQueueDepth() {
    long max = 0;
    for (Second s : seconds) {
      max = Math.max(max, s.queueDepth.get());
    }
    return max;
  }

  long errors(ErrorClass c) {
    return errorTotals[c.ordinal()];
  }

  static double millis(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }

  /** The result as a JSON-ready tree. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("mode", mode);
    json.put("queue", queueKind);
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("acceptedPayments", accepted);
    totals.put("paymentsPerSecond", Math.round(paymentsPerSecond() * 10) / 10.0);
    Map<String, Object> errors = new LinkedHashMap<>();
    for (ErrorClass c : ErrorClass.values()) {
      errors.put(c.name().toLowerCase(java.util.Locale.ROOT), errors(c));
    }
    totals.put("errorsByClass", errors);
    totals.put("balanceP50Ms", millis(balance.p50()));
    totals.put("balanceP99Ms", millis(balance.p99()));
    totals.put("balanceP99InGatewayFaultsMs", millis(balanceInFaults.p99()));
    totals.put("refusalsWhileGatewayDown", refusalsInOutage.count());
    totals.put("refusalP99WhileGatewayDownMs", millis(refusalsInOutage.p99()));
    totals.put("paymentAnswerP99WhileGatewayDownMs", millis(attemptsInOutage.p99()));
    totals.put("driverLagP99Ms", millis(driverLag.p99()));
    totals.put("driverLagMaxMs", millis(driverLag.max()));
    totals.put("requestAvailability", requestAvailability);
    totals.put("requestAvailabilityOutsideGatewayOutage", requestAvailabilityOutsideOutage);
    totals.put("timeAvailability", availability.availability());
    totals.put("incidents", availability.incidents());
    totals.put("mttrSeconds", availability.incidents() == 0 ? 0 : availability.mttr().toMillis() / 1000.0);
    totals.put("doubleChargedPayments", doubleCharged);
    totals.put("extraCharges", extraCharges);
    totals.put("lostPayments", lost);
    totals.put("unsettledPayments", unsettled);
    totals.put("pendingAtEnd", pendingAtEnd);
    totals.put("openOutboxAtEnd", openOutboxAtEnd);
    totals.put("maxQueueDepth", maxQueueDepth());
    totals.put("drainSeconds", drainSeconds);
    json.put("totals", totals);
    List<Map<String, Object>> series = new ArrayList<>();
    for (int i = 0; i < seconds.length; i++) {
      Second s = seconds[i];
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("t", i);
      point.put("paymentsOk", s.paymentsOk.get());
      point.put("paymentsFailed", s.paymentsFailed.get());
      point.put("requests", s.requests.get());
      point.put("requestsFailed", s.requests.get() - s.requestsOk.get());
      long errorSum = 0;
      for (int e = 0; e < errorTotals.length; e++) {
        errorSum += s.errors.get(e);
      }
      point.put("errors", errorSum);
      point.put("balanceP99Ms", s.balanceSnapshot.isEmpty() ? null : millis(s.balanceSnapshot.p99()));
      point.put("queueDepth", s.queueDepth.get() < 0 ? null : s.queueDepth.get());
      series.add(point);
    }
    json.put("seconds", series);
    return json;
  }
}
