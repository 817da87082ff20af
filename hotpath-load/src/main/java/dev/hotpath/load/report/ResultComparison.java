package dev.hotpath.load.report;

import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.internal.report.ComparisonText;
import dev.hotpath.load.internal.report.IntervalBootstrap;
import dev.hotpath.load.internal.report.MannWhitney;
import dev.hotpath.metrics.LatencySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A statistically honest comparison of a baseline and a candidate ({@code hotpath compare}): for
 * each {@link Figure} (P50, P90, P99, P99.9, mean latency, RPS, error rate), overall and per
 * endpoint, the value on each side, the change with its 95% interval, and whether the change is
 * significant at {@link #ALPHA} = 0.05.
 *
 * <p><b>Overall figures</b> are decided by a bootstrap over intervals of the <em>whole-run</em>
 * figure (see docs/reports.md): the baseline's interval histograms are resampled to find how far
 * the whole-run figure moves when nothing changed, and the candidate's observed change is judged
 * against that. A tail regression that lives in a few intervals (a two-second stall moving P99 from
 * 24 ms to 1.4 s) fails the gate; repeated identical runs pass (false-alarm rate measured in
 * {@code ComparisonGateTest}). The Mann-Whitney U test (Apache Commons Statistics) over the
 * per-interval figures is one further input: it is reported, and when it disagrees with a
 * significant whole-run change a note says the change came from a few intervals. With several runs
 * per side (at least 4 each, so the exact test can reach α), the per-run values must also differ
 * significantly (Mann-Whitney U), so run-to-run variation is not mistaken for a change.
 *
 * <p>Per-endpoint figures have no time series, so they are tested across runs only: with fewer
 * than 4 runs per side their change is shown but marked untested.
 *
 * <p>Values per side come from the exact union of the side's histograms (percentiles of the merged
 * distribution, never averaged); RPS is the mean of the runs; the error rate is pooled. The change
 * is in percent of the baseline, except for the error rate (percentage points).
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * ResultComparison c = ResultComparison.of(List.of(base), List.of(candidate));
 * System.out.print(c.toTable());
 * boolean regressed = c.violations(List.of(RegressionLimit.parse("p99>+10%"))).size() > 0;
 * }</pre>
 */
public final class ResultComparison {
  /** The significance level. */
  public static final double ALPHA = 0.05;

  /**
   * The whole-run test's level for a change that the per-interval test does not confirm (it lives in
   * a few intervals, e.g. a stall): the change must lie beyond nearly every replicate of the baseline.
   */
  public static final double ALPHA_CONCENTRATED = 0.001;

  /** The name of the overall scope in {@link Change#scope()}. */
  public static final String OVERALL = "overall";

  /** A compared figure. */
  public enum Figure {
    P50("p50", true),
    P90("p90", true),
    P99("p99", true),
    P999("p99.9", true),
    MEAN("mean", true),
    RPS("rps", false),
    ERROR_RATE("error_rate", false);

    private final String token;
    private final boolean latency;

    Figure(String token, boolean latency) {
      this.token = token;
      this.latency = latency;
    }

    /** The name in tables and {@code --fail-on}. */
    public String token() {
      return token;
    }

    /** Whether values are nanoseconds. */
    public boolean isLatency() {
      return latency;
    }

    /** Whether a higher value is worse (latency, errors) rather than better (throughput). */
    public boolean higherIsWorse() {
      return this != RPS;
    }

    /** The figure named {@code token}, or null. */
    public static @Nullable Figure fromToken(String token) {
      for (Figure f : values()) {
        if (f.token.equals(token)) {
          return f;
        }
      }
      return null;
    }

    static String tokens() {
      StringBuilder sb = new StringBuilder();
      for (Figure f : values()) {
        sb.append(sb.isEmpty() ? "" : ", ").append(f.token);
      }
      return sb.toString();
    }

    double of(EndpointStats s) {
      return switch (this) {
        case P50 -> (double) s.latency().p50();
        case P90 -> (double) s.latency().p90();
        case P99 -> (double) s.latency().p99();
        case P999 -> (double) s.latency().p999();
        case MEAN -> s.latency().mean();
        case RPS -> s.rps();
        case ERROR_RATE -> s.errorRate();
      };
    }

    /** The figure in one interval (its latency already decoded), or NaN when it holds nothing to measure. */
    double of(IntervalStats i, LatencySnapshot l) {
      if (isLatency()) {
        if (l.isEmpty()) {
          return Double.NaN;
        }
        return switch (this) {
          case P50 -> (double) l.p50();
          case P90 -> (double) l.p90();
          case P99 -> (double) l.p99();
          case P999 -> (double) l.p999();
          default -> l.mean();
        };
      }
      if (this == RPS) {
        return i.rps();
      }
      return i.completed() == 0 ? Double.NaN : (double) i.errors() / i.completed();
    }
  }

  /**
   * One figure of one scope, compared.
   *
   * @param scope {@link #OVERALL} or an endpoint's name
   * @param figure which figure
   * @param baseline its value on the baseline side (nanoseconds, per second, or a fraction)
   * @param candidate its value on the candidate side
   * @param change candidate vs baseline in percent (percentage points for the error rate); NaN
   *     when the baseline is 0
   * @param ciLow the lower end of the 95% interval of the change (same unit as {@code change}); NaN
   *     when the whole-run test did not run
   * @param ciHigh its upper end
   * @param pValue the deciding test's two-sided p-value (the larger of the two when both ran); NaN
   *     when untested
   * @param significant whether p &lt; {@link #ALPHA} for the test(s) that decide
   * @param worse whether the change goes the bad way (slower, fewer RPS, more errors)
   * @param test what was tested, e.g. {@code bootstrap 30 vs 30 intervals, MW p=0.41} or {@code runs 5 vs 5}
   */
  public record Change(
      String scope,
      Figure figure,
      double baseline,
      double candidate,
      double change,
      double ciLow,
      double ciHigh,
      double pValue,
      boolean significant,
      boolean worse,
      String test) {

    /** Significant and the bad way. */
    public boolean isRegression() {
      return significant && worse;
    }

    /**
     * The verdict for people: {@code worse}, {@code better}, {@code ~} (tested, no significant
     * change), {@code untested}, {@code not in baseline} or {@code not in candidate}.
     */
    public String verdict() {
      if (test.equals(NOT_IN_BASELINE) || test.equals(NOT_IN_CANDIDATE)) {
        return test;
      }
      if (Double.isNaN(pValue)) {
        return "untested";
      }
      return !significant ? "~" : worse ? "worse" : "better";
    }
  }

  private final List<LoadResult> baseline;
  private final List<LoadResult> candidate;
  private final List<Change> changes;
  private final List<String> notes;

  private final List<String> baselineNames;
  private final List<String> candidateNames;

  private ResultComparison(List<LoadResult> baseline, List<LoadResult> candidate, List<Change> changes,
      List<String> notes, List<String> baselineNames, List<String> candidateNames) {
    this.baselineNames = baselineNames;
    this.candidateNames = candidateNames;
    this.baseline = baseline;
    this.candidate = candidate;
    this.changes = changes;
    this.notes = notes;
  }

  /**
   * Compares one or more baseline runs with one or more candidate runs.
   *
   * @throws IllegalArgumentException if a side is empty
   */
  public static ResultComparison of(List<LoadResult> baseline, List<LoadResult> candidate) {
    if (baseline.isEmpty() || candidate.isEmpty()) {
      throw new IllegalArgumentException("compare needs at least one baseline and one candidate result");
    }
    List<LoadResult> b = List.copyOf(baseline);
    List<LoadResult> c = List.copyOf(candidate);
    List<String> notes = new ArrayList<>();
    boolean runsTestable = b.size() >= 2 && c.size() >= 2;
    boolean runsCanReach = runsTestable && MannWhitney.minimumP(b.size(), c.size()) < ALPHA;
    if (runsTestable && !runsCanReach) {
      notes.add(b.size() + " vs " + c.size() + " runs cannot reach p<" + ALPHA
          + " across runs (4 per side can): overall figures are judged by the whole-run bootstrap alone");
    }
    if (!runsCanReach) {
      notes.add("per-endpoint changes are shown but untested: they are tested across runs, which needs 4 runs per"
          + " side (--base FILE... --new FILE...)");
    }
    List<Change> changes = new ArrayList<>();
    Intervals bi = new Intervals(b);
    Intervals ci = new Intervals(c);
    Side bo = new Side(b, LoadResult::overall);
    Side co = new Side(c, LoadResult::overall);
    IntervalBootstrap boot = IntervalBootstrap.of(b, c);
    Map<Figure, IntervalBootstrap.Outcome> whole = boot.testable() ? boot.run() : Map.of();
    if (!boot.testable()) {
      notes.add("fewer than " + IntervalBootstrap.MIN_INTERVALS + " intervals on a side (" + boot.baselineIntervals()
          + " vs " + boot.candidateIntervals() + "): the whole-run figures are not tested; run longer");
    }
    for (Figure f : Figure.values()) {
      Change ch = compare(OVERALL, f, bo, co, bi, ci, whole.get(f), runsTestable, runsCanReach);
      changes.add(ch);
      if (ch.significant() && ch.test().contains(FEW_INTERVALS)) {
        notes.add(f.token() + ": the change comes from a few intervals (the per-interval values do not differ"
            + " significantly): look at the latency over time for stalls");
      }
    }
    for (String name : endpointNames(b, c)) {
      boolean inBase = b.stream().allMatch(r -> r.endpoint(name).isPresent());
      boolean inCand = c.stream().allMatch(r -> r.endpoint(name).isPresent());
      if (!inBase || !inCand) {
        // shown, never as '~': a row that was not measured on one side says so
        Side present = inBase ? new Side(b, r -> r.endpoint(name).orElseThrow())
            : inCand ? new Side(c, r -> r.endpoint(name).orElseThrow()) : null;
        for (Figure f : Figure.values()) {
          double v = present == null ? Double.NaN : present.value(f);
          changes.add(new Change(name, f, inBase ? v : Double.NaN, inCand ? v : Double.NaN, Double.NaN, Double.NaN,
              Double.NaN, Double.NaN, false, false, !inBase ? NOT_IN_BASELINE : NOT_IN_CANDIDATE));
        }
        continue;
      }
      Side be = new Side(b, r -> r.endpoint(name).orElseThrow());
      Side ce = new Side(c, r -> r.endpoint(name).orElseThrow());
      for (Figure f : Figure.values()) {
        changes.add(compare(name, f, be, ce, null, null, null, runsCanReach, runsCanReach));
      }
    }
    return new ResultComparison(b, c, List.copyOf(changes), List.copyOf(notes), names("baseline", b.size()),
        names("candidate", c.size()));
  }

  /** One scope on one side: each run's figures and their exact union (histograms merged once). */
  private static final class Side {
    final List<EndpointStats> runs = new ArrayList<>();
    final EndpointStats merged;

    Side(List<LoadResult> results, Function<LoadResult, EndpointStats> pick) {
      for (LoadResult r : results) {
        runs.add(pick.apply(r));
      }
      EndpointStats m = runs.get(0);
      for (int i = 1; i < runs.size(); i++) {
        m = m.merge(runs.get(i), m.name());
      }
      merged = m;
    }

    /** From the merged histogram or pooled counts; RPS is the mean of the runs (they ran one after another). */
    double value(Figure f) {
      if (f == Figure.RPS) {
        return runs.stream().mapToDouble(EndpointStats::rps).average().orElse(0);
      }
      return f.of(merged);
    }

    double[] perRun(Figure f) {
      return runs.stream().mapToDouble(f::of).toArray();
    }
  }

  /** The time series of a side's runs, pooled, with each interval's histogram decoded once. */
  private static final class Intervals {
    final List<IntervalStats> intervals = new ArrayList<>();
    final List<LatencySnapshot> latencies = new ArrayList<>();

    Intervals(List<LoadResult> results) {
      for (LoadResult r : results) {
        for (IntervalStats i : r.intervals()) {
          intervals.add(i);
          latencies.add(i.latency());
        }
      }
    }

    double[] samples(Figure f) {
      List<Double> out = new ArrayList<>();
      for (int i = 0; i < intervals.size(); i++) {
        double v = f.of(intervals.get(i), latencies.get(i));
        if (!Double.isNaN(v)) {
          out.add(v);
        }
      }
      return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  /** The endpoint is missing from some or all baseline results. */
  public static final String NOT_IN_BASELINE = "not in baseline";

  /** The endpoint is missing from some or all candidate results. */
  public static final String NOT_IN_CANDIDATE = "not in candidate";

  /** Endpoints in the order of the first baseline, then those only the candidate has. */
  private static List<String> endpointNames(List<LoadResult> b, List<LoadResult> c) {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    for (LoadResult r : b) {
      r.endpoints().forEach(e -> names.add(e.name()));
    }
    for (LoadResult r : c) {
      r.endpoints().forEach(e -> names.add(e.name()));
    }
    return List.copyOf(names);
  }

  /** Marks a significant whole-run change that the per-interval test does not see. */
  private static final String FEW_INTERVALS = "few intervals";

  private static Change compare(String scope, Figure f, Side b, Side c, @Nullable Intervals bi,
      @Nullable Intervals ci, IntervalBootstrap.@Nullable Outcome whole, boolean runsTestable, boolean runsCanReach) {
    double bv = b.value(f);
    double cv = c.value(f);
    double change = f == Figure.ERROR_RATE ? (cv - bv) * 100 : bv == 0 ? (cv == 0 ? 0 : Double.NaN) : (cv - bv) / bv * 100;
    boolean worse = f.higherIsWorse() ? cv > bv : cv < bv;
    double p = Double.NaN;
    double low = Double.NaN;
    double high = Double.NaN;
    boolean significant = false;
    StringBuilder test = new StringBuilder();
    if (whole != null && !Double.isNaN(whole.pValue())) {
      p = whole.pValue();
      low = whole.ciLow();
      high = whole.ciHigh();
      significant = p < ALPHA;
      test.append("bootstrap ").append(whole.baselineIntervals()).append(" vs ").append(whole.candidateIntervals())
          .append(" intervals");
    }
    if (bi != null && ci != null) {
      MannWhitney.Result r = MannWhitney.test(bi.samples(f), ci.samples(f));
      if (!Double.isNaN(r.pValue())) {
        test.append(test.isEmpty() ? "intervals " : ", ").append("MW p=").append(formatP(r.pValue()));
        if (significant && r.pValue() >= ALPHA) {
          // not a broad shift: only a change beyond (nearly) every replicate of the baseline counts
          significant = p < ALPHA_CONCENTRATED;
          if (significant) {
            test.append(" (").append(FEW_INTERVALS).append(')');
          }
        }
      }
    }
    if (runsTestable) {
      double[] bs = b.perRun(f);
      double[] cs = c.perRun(f);
      MannWhitney.Result r = MannWhitney.test(bs, cs);
      test.append(test.isEmpty() ? "" : ", ").append("runs ").append(bs.length).append(" vs ").append(cs.length);
      if (whole == null) {
        p = r.pValue();
        significant = runsCanReach && p < ALPHA;
      } else if (runsCanReach) {
        p = Double.isNaN(p) ? r.pValue() : Math.max(p, r.pValue());
        significant = p < ALPHA;
      }
    }
    if (test.isEmpty()) {
      test.append("not tested");
    }
    if (bv == cv) {
      significant = false; // nothing changed, whatever the samples say
    }
    return new Change(scope, f, bv, cv, change, low, high, p, significant, worse && bv != cv, test.toString());
  }

  private static List<String> names(String side, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(n == 1 ? side : side + " run " + i);
    }
    return List.copyOf(out);
  }

  /**
   * This comparison with the results named for people (e.g. their file names), in the order given.
   *
   * @throws IllegalArgumentException if a list's size differs from its side's number of results
   */
  public ResultComparison withNames(List<String> baselineNames, List<String> candidateNames) {
    if (baselineNames.size() != baseline.size() || candidateNames.size() != candidate.size()) {
      throw new IllegalArgumentException("one name per result: " + baseline.size() + " baseline and "
          + candidate.size() + " candidate results, " + baselineNames.size() + " and " + candidateNames.size() + " names");
    }
    return new ResultComparison(baseline, candidate, changes, notes, List.copyOf(baselineNames),
        List.copyOf(candidateNames));
  }

  /** The baseline results' names: file names when given with {@link #withNames}, else {@code baseline run 1}, .... */
  public List<String> baselineNames() {
    return baselineNames;
  }

  /** The candidate results' names. */
  public List<String> candidateNames() {
    return candidateNames;
  }

  /**
   * One line per result whose load generator was flagged untrustworthy (it was itself a bottleneck,
   * so its latencies describe the generator as much as the server), as {@code "new.json: the
   * generator sent late: ..."}. Empty when every result is trustworthy.
   */
  public List<String> untrustworthy() {
    List<String> out = new ArrayList<>();
    for (int side = 0; side < 2; side++) {
      List<LoadResult> results = side == 0 ? baseline : candidate;
      List<String> names = side == 0 ? baselineNames : candidateNames;
      for (int i = 0; i < results.size(); i++) {
        var g = results.get(i).generator();
        if (!g.trustworthy()) {
          out.add(names.get(i) + ": " + (g.warnings().isEmpty() ? "the load generator was a bottleneck"
              : String.join("; ", g.warnings())));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * How the runs' plans differ (model, schedule): a comparison of different plans measures the plans,
   * not the change. One line each, naming both results and both values.
   */
  public List<String> planDifferences() {
    List<String> out = new ArrayList<>();
    differ(out, "model", r -> r.run().model().name().toLowerCase(Locale.ROOT));
    differ(out, "schedule", r -> r.run().schedule());
    return List.copyOf(out);
  }

  /**
   * How the runs' setups differ (target, connections, pipelining, protocol, warm-up): expected in an
   * A/B test of two deployments, worth a warning otherwise.
   */
  public List<String> setupDifferences() {
    List<String> out = new ArrayList<>();
    differ(out, "target", r -> r.run().target());
    differ(out, "connections", r -> String.valueOf(r.run().connections()));
    differ(out, "pipelining", r -> String.valueOf(r.run().pipelining()));
    differ(out, "protocol", r -> r.run().protocol());
    differ(out, "warm-up", r -> dev.hotpath.metrics.Durations.format(r.run().warmup().toNanos()));
    return List.copyOf(out);
  }

  private void differ(List<String> out, String what, Function<LoadResult, String> value) {
    String first = value.apply(baseline.get(0));
    List<LoadResult> all = new ArrayList<>(baseline);
    all.addAll(candidate);
    for (int i = 1; i < all.size(); i++) {
      String v = value.apply(all.get(i));
      if (!v.equals(first)) {
        String name = i < baseline.size() ? baselineNames.get(i) : candidateNames.get(i - baseline.size());
        out.add("different " + what + ": " + baselineNames.get(0) + " has '" + first + "', " + name + " has '" + v + "'");
        return;
      }
    }
  }

  /** The baseline runs. */
  public List<LoadResult> baseline() {
    return baseline;
  }

  /** The candidate runs. */
  public List<LoadResult> candidate() {
    return candidate;
  }

  /** Every comparison: overall figures first, then each endpoint's, in figure order. */
  public List<Change> changes() {
    return changes;
  }

  /** The overall change of {@code figure}. */
  public Optional<Change> overall(Figure figure) {
    return change(OVERALL, figure);
  }

  /** The change of {@code figure} in {@code scope} (an endpoint's name, or {@link #OVERALL}). */
  public Optional<Change> change(String scope, Figure figure) {
    return changes.stream().filter(c -> c.scope().equals(scope) && c.figure() == figure).findFirst();
  }

  /** Caveats for people (too few runs, endpoints missing on a side). */
  public List<String> notes() {
    return notes;
  }

  /** The overall changes that break one of {@code limits}, as {@code "p99>+10%: p99 +31.2% (p=0.0001)"}. */
  public List<String> violations(List<RegressionLimit> limits) {
    List<String> out = new ArrayList<>();
    for (RegressionLimit l : limits) {
      overall(l.figure()).filter(l::isViolatedBy).ifPresent(c -> out.add(l.expression() + ": " + c.figure().token()
          + " " + formatChange(c) + " (p" + (c.pValue() < 0.001 ? "" : "=") + formatP(c.pValue()) + ")"));
    }
    return out;
  }

  /** The comparison as a terminal table, with the test stated. */
  public String toTable() {
    return ComparisonText.table(this);
  }

  /** The comparison as a self-contained HTML page: both latency spectra overlaid, and the table. */
  public String toHtml() {
    return dev.hotpath.load.internal.report.ComparisonHtml.render(this);
  }

  /** A figure's value for people: {@code 12.3ms}, {@code 998.2/s}, {@code 0.10%}. */
  public static String formatValue(Figure f, double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (f.isLatency()) {
      return dev.hotpath.metrics.Durations.format(Math.round(v));
    }
    if (f == Figure.RPS) {
      return String.format(Locale.ROOT, "%.1f/s", v);
    }
    return String.format(Locale.ROOT, "%.2f%%", v * 100);
  }

  /** The change for people: {@code +12.3%}, {@code -0.40pp}, {@code n/a}. */
  public static String formatChange(Change c) {
    if (Double.isNaN(c.change())) {
      return "n/a";
    }
    return String.format(Locale.ROOT, c.figure() == Figure.ERROR_RATE ? "%+.2fpp" : "%+.1f%%", c.change());
  }

  /** The 95% interval of the change for people: {@code [+3.1%, +48.0%]}, {@code -} when not computed. */
  public static String formatInterval(Change c) {
    if (Double.isNaN(c.ciLow()) || Double.isNaN(c.ciHigh())) {
      return "-";
    }
    String fmt = c.figure() == Figure.ERROR_RATE ? "%+.2fpp" : "%+.1f%%";
    return "[" + String.format(Locale.ROOT, fmt, c.ciLow()) + ", " + String.format(Locale.ROOT, fmt, c.ciHigh()) + "]";
  }

  /** A p-value for people: {@code 0.003}, {@code <0.001}, {@code -} when untested. */
  public static String formatP(double p) {
    if (Double.isNaN(p)) {
      return "-";
    }
    return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
  }
}
