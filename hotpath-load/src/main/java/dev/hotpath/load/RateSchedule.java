package dev.hotpath.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The open model's arrival plan: when the k-th request is meant to start. Rates change linearly
 * within each {@link Stage}; the intended start of request k is the exact solution of "k requests
 * have arrived by t" (the integral of the rate), computed in nanoseconds: no millisecond timers, no
 * per-second budgets, so no bursts at second boundaries.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * RateSchedule s = RateSchedule.parseStages("30s:100,1m:1000,30s:0");
 * long t = s.intendedOffsetNanos(12_345);   // nanoseconds after the run's start
 * }</pre>
 */
public final class RateSchedule {
  /** Highest rate accepted, requests per second. */
  public static final double MAX_RATE = 10_000_000;

  private final List<Stage> stages;
  private final double startRate;
  private final double[] stageStartCount; // requests arrived before each stage; last = total
  private final double[] stageStartSeconds;
  private final double[] stageFromRate;

  private RateSchedule(double startRate, List<Stage> stages) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a rate schedule needs at least one stage");
    }
    this.startRate = startRate;
    this.stages = List.copyOf(stages);
    int n = stages.size();
    stageStartCount = new double[n + 1];
    stageStartSeconds = new double[n + 1];
    stageFromRate = new double[n];
    double from = startRate;
    for (int i = 0; i < n; i++) {
      Stage s = stages.get(i);
      double d = s.duration().toNanos() / 1e9;
      stageFromRate[i] = from;
      stageStartCount[i + 1] = stageStartCount[i] + d * (from + s.targetRate()) / 2;
      stageStartSeconds[i + 1] = stageStartSeconds[i] + d;
      from = s.targetRate();
    }
  }

  /** A constant {@code rate} (requests per second) for {@code duration}. */
  public static RateSchedule constant(double rate, Duration duration) {
    checkRate("--rate", rate, false);
    return new RateSchedule(rate, List.of(new Stage(duration, rate)));
  }

  /** Linear ramps from 0 through each stage's target. */
  public static RateSchedule ofStages(List<Stage> stages) {
    return new RateSchedule(0, stages);
  }

  /**
   * Parses {@code --stages}: comma-separated {@code DURATION:RATE} pairs, e.g. {@code
   * 30s:100,1m:1000,30s:0}.
   *
   * @throws IllegalArgumentException naming the bad part
   */
  public static RateSchedule parseStages(String text) {
    List<Stage> stages = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String p = part.trim();
      int colon = p.indexOf(':');
      if (colon <= 0 || colon == p.length() - 1) {
        throw new IllegalArgumentException(
            "--stages: '" + p + "' is not DURATION:RATE (e.g. 30s:100,1m:1000,30s:0)");
      }
      Duration d = DurationParser.parse("--stages", p.substring(0, colon));
      double rate = parseRate("--stages", p.substring(colon + 1));
      stages.add(new Stage(d, rate));
    }
    RateSchedule s = ofStages(stages);
    if (s.totalRequests() == 0) {
      throw new IllegalArgumentException("--stages: '" + text + "' plans no request at all");
    }
    return s;
  }

  /**
   * Parses a rate such as {@code 100}, {@code 100/s}, {@code 6000/m} or {@code 2.5}.
   *
   * @throws IllegalArgumentException naming {@code setting} and the allowed range
   */
  public static double parseRate(String setting, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    double per = 1;
    if (t.endsWith("/s")) {
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("/m")) {
      t = t.substring(0, t.length() - 2);
      per = 60;
    }
    double v;
    try {
      v = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          setting + ": '" + text + "' is not a rate (requests per second, e.g. 100, 100/s, 6000/m)", e);
    }
    v = v / per;
    checkRate(setting, v, setting.equals("--stages"));
    return v;
  }

  static void checkRate(String setting, double rate, boolean zeroAllowed) {
    if (!Double.isFinite(rate) || rate < 0 || (!zeroAllowed && rate == 0) || rate > MAX_RATE) {
      throw new IllegalArgumentException(
          setting + " must be " + (zeroAllowed ? ">= 0" : "> 0") + " and <= " + (long) MAX_RATE
              + " requests per second, was " + rate);
    }
  }

  /** The stages, in order. */
  public List<Stage> stages() {
    return stages;
  }

  /** Total length of the plan. */
  public Duration duration() {
    return Duration.ofNanos(Math.round(stageStartSeconds[stages.size()] * 1e9));
  }

  /** How many requests the plan holds. */
  public long totalRequests() {
    return (long) Math.ceil(stageStartCount[stages.size()] - 1e-9);
  }

  /**
   * Nanoseconds after the start at which request {@code k} (0-based) is meant to start, or -1 when
   * the plan holds no request {@code k}.
   */
  public long intendedOffsetNanos(long k) {
    if (k < 0 || k >= totalRequests()) {
      return -1;
    }
    int i = 0;
    while (i < stages.size() - 1 && stageStartCount[i + 1] <= k) {
      i++;
    }
    double n = k - stageStartCount[i];
    double d = stageStartSeconds[i + 1] - stageStartSeconds[i];
    double r0 = stageFromRate[i];
    double r1 = stages.get(i).targetRate();
    double a = (r1 - r0) / (2 * d);
    // a t^2 + r0 t = n, solved in the form that is stable for a -> 0 and for ramps down
    double disc = Math.max(0, r0 * r0 + 4 * a * n);
    double denom = r0 + Math.sqrt(disc);
    double t = denom <= 0 ? 0 : 2 * n / denom;
    return Math.round((stageStartSeconds[i] + Math.min(t, d)) * 1e9);
  }

  /** The arrival rate at {@code offset} after the start (requests per second). */
  public double rateAt(Duration offset) {
    double s = offset.toNanos() / 1e9;
    for (int i = 0; i < stages.size(); i++) {
      if (s < stageStartSeconds[i + 1]) {
        double f = (s - stageStartSeconds[i]) / (stageStartSeconds[i + 1] - stageStartSeconds[i]);
        return stageFromRate[i] + f * (stages.get(i).targetRate() - stageFromRate[i]);
      }
    }
    return stages.get(stages.size() - 1).targetRate();
  }

  /** For people: {@code rate 100/s} or {@code stages 30s:100,1m:1000}. */
  @Override
  public String toString() {
    if (stages.size() == 1 && startRate == stages.get(0).targetRate()) {
      return "rate " + num(startRate) + "/s for " + DurationParser.format(stages.get(0).duration());
    }
    StringBuilder sb = new StringBuilder("stages ");
    for (int i = 0; i < stages.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(DurationParser.format(stages.get(i).duration())).append(':').append(num(stages.get(i).targetRate()));
    }
    return sb.toString();
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
