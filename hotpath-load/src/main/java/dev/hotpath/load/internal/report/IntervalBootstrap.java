package dev.hotpath.load.internal.report;

import dev.hotpath.load.report.ResultComparison.Figure;
import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.metrics.LatencySnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The whole-run test of {@code compare}: a bootstrap over intervals of the whole-run figures (P50,
 * P90, P99, P99.9, mean of the merged histograms; RPS; error rate).
 *
 * <p>The statistic is the change of the whole-run figure, {@code d = log(candidate / baseline)}
 * (for the error rate the difference of the fractions), each side's figure computed from the exact
 * union of its interval histograms. Its distribution <em>if the candidate behaved like the
 * baseline</em> is estimated by resampling the baseline: each replicate draws, with replacement, two
 * sets of the baseline's intervals shaped like the two sides (as many intervals per run; with several
 * baseline runs, a run is drawn first, so run-to-run variation is part of the null), merges each
 * set's histograms and takes the same change between them. The p-value is the share of replicates at
 * least as far from 0 as the observed change; the 95% interval of the change is the observed change
 * minus the replicates' 2.5% and 97.5% quantiles (the candidate assumed to vary like the baseline).
 *
 * <p>Why the baseline is the reference: a stall in the candidate moves its P99 by orders of
 * magnitude while touching only one or two intervals. Tests that treat both sides' intervals alike
 * (rank tests over per-interval figures, a pooled or percentile bootstrap) cannot tell one or two
 * odd intervals from noise, whatever their size; a baseline that never came near such a figure in
 * any resample can. The price is asymmetry: a baseline with stalls of its own makes every change
 * harder to call significant.
 *
 * <p>Deterministic: a fixed seed, so the same files always give the same verdict. Not thread-safe
 * while {@link #run} runs; immutable after.
 */
public final class IntervalBootstrap {
  /** Replicates of the null distribution. */
  public static final int REPLICATES = 2000;

  /** Fewer intervals than this on a side: the whole-run test is not run. */
  public static final int MIN_INTERVALS = 5;

  private static final long SEED = 0x5EED_C0DEL;
  private static final double[] PERCENTILES = {50, 90, 99, 99.9};

  /**
   * The test of one figure.
   *
   * @param pValue two-sided
   * @param ciLow lower end of the 95% interval of the change (percent; percentage points for the error rate)
   * @param ciHigh upper end
   * @param baselineIntervals intervals on the baseline side
   * @param candidateIntervals intervals on the candidate side
   */
  public record Outcome(double pValue, double ciLow, double ciHigh, int baselineIntervals, int candidateIntervals) {}

  /** One interval on the common value grid: the histogram as (grid index, count) pairs, and its counts. */
  private static final class Interval {
    final int[] index;
    final long[] count;
    final long completed;
    final long errors;
    final long nanos;

    Interval(int[] index, long[] count, long completed, long errors, long nanos) {
      this.index = index;
      this.count = count;
      this.completed = completed;
      this.errors = errors;
      this.nanos = nanos;
    }
  }

  private final long[] grid;
  private final List<Interval[]> baseline;
  private final List<Interval[]> candidate;
  private final int baselineCount;
  private final int candidateCount;

  private IntervalBootstrap(long[] grid, List<Interval[]> baseline, List<Interval[]> candidate) {
    this.grid = grid;
    this.baseline = baseline;
    this.candidate = candidate;
    this.baselineCount = baseline.stream().mapToInt(r -> r.length).sum();
    this.candidateCount = candidate.stream().mapToInt(r -> r.length).sum();
  }

  /** The intervals of both sides (each interval's latency histogram decoded once). */
  public static IntervalBootstrap of(List<LoadResult> baseline, List<LoadResult> candidate) {
    List<List<IntervalStats>> b = intervals(baseline);
    List<List<IntervalStats>> c = intervals(candidate);
    java.util.IdentityHashMap<IntervalStats, List<long[]>> values = new java.util.IdentityHashMap<>();
    TreeSet<Long> distinct = new TreeSet<>();
    for (List<List<IntervalStats>> side : List.of(b, c)) {
      for (List<IntervalStats> run : side) {
        for (IntervalStats i : run) {
          List<long[]> pairs = new ArrayList<>();
          LatencySnapshot l = i.latency();
          l.forEachValue((v, n) -> {
            pairs.add(new long[] {v, n});
            distinct.add(v);
          });
          values.put(i, pairs);
        }
      }
    }
    long[] grid = distinct.stream().mapToLong(Long::longValue).toArray();
    return new IntervalBootstrap(grid, encode(b, values, grid), encode(c, values, grid));
  }

  private static List<List<IntervalStats>> intervals(List<LoadResult> side) {
    List<List<IntervalStats>> out = new ArrayList<>();
    for (LoadResult r : side) {
      List<IntervalStats> run = r.intervals().stream()
          .filter(i -> i.completed() > 0 || !i.length().isZero())
          .toList();
      if (!run.isEmpty()) {
        out.add(run);
      }
    }
    return out;
  }

  private static List<Interval[]> encode(List<List<IntervalStats>> side,
      java.util.IdentityHashMap<IntervalStats, List<long[]>> values,
      long[] grid) {
    List<Interval[]> out = new ArrayList<>();
    for (List<IntervalStats> run : side) {
      Interval[] encoded = new Interval[run.size()];
      for (int k = 0; k < run.size(); k++) {
        IntervalStats i = run.get(k);
        List<long[]> pairs = java.util.Objects.requireNonNull(values.get(i));
        int[] index = new int[pairs.size()];
        long[] count = new long[pairs.size()];
        for (int j = 0; j < pairs.size(); j++) {
          index[j] = Arrays.binarySearch(grid, pairs.get(j)[0]);
          count[j] = pairs.get(j)[1];
        }
        encoded[k] = new Interval(index, count, i.completed(), i.errors(), i.length().toNanos());
      }
      out.add(encoded);
    }
    return out;
  }

  /** Whether both sides have at least {@link #MIN_INTERVALS} intervals. */
  public boolean testable() {
    return baselineCount >= MIN_INTERVALS && candidateCount >= MIN_INTERVALS;
  }

  public int baselineIntervals() {
    return baselineCount;
  }

  public int candidateIntervals() {
    return candidateCount;
  }

  /**
   * Runs the test for every figure.
   *
   * @throws IllegalStateException if not {@link #testable()}
   */
  public Map<Figure, Outcome> run() {
    if (!testable()) {
      throw new IllegalStateException("fewer than " + MIN_INTERVALS + " intervals on a side");
    }
    Figure[] figures = Figure.values();
    Accumulator acc = new Accumulator(grid.length);
    double[] observedBase = acc.figures(baseline);
    double[] observedCand = acc.figures(candidate);
    double[][] nulls = new double[figures.length][REPLICATES];
    SplittableRandom random = new SplittableRandom(SEED);
    int[] baseShape = shape(baseline);
    int[] candShape = shape(candidate);
    for (int k = 0; k < REPLICATES; k++) {
      double[] asBase = acc.resample(baseline, baseShape, random);
      double[] asCand = acc.resample(baseline, candShape, random);
      for (int f = 0; f < figures.length; f++) {
        nulls[f][k] = change(figures[f], asBase[f], asCand[f]);
      }
    }
    Map<Figure, Outcome> out = new EnumMap<>(Figure.class);
    for (int f = 0; f < figures.length; f++) {
      double d = change(figures[f], observedBase[f], observedCand[f]);
      out.put(figures[f], outcome(figures[f], d, nulls[f]));
    }
    return out;
  }

  private Outcome outcome(Figure f, double d, double[] nullChanges) {
    double[] finite = Arrays.stream(nullChanges).filter(Double::isFinite).sorted().toArray();
    if (!Double.isFinite(d) || finite.length < REPLICATES / 2) {
      return new Outcome(Double.NaN, Double.NaN, Double.NaN, baselineCount, candidateCount);
    }
    double far = Math.abs(d) * (1 - 1e-12);
    long atLeast = 0;
    for (double x : finite) {
      if (Math.abs(x) >= far) {
        atLeast++;
      }
    }
    double p = d == 0 ? 1 : (1.0 + atLeast) / (finite.length + 1.0);
    double low = d - quantile(finite, 0.975);
    double high = d - quantile(finite, 0.025);
    return new Outcome(Math.min(1, p), toChange(f, low), toChange(f, high), baselineCount, candidateCount);
  }

  private static double quantile(double[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
    return sorted[i];
  }

  /** The test's scale: log ratio, or the difference of the error fractions. */
  private static double change(Figure f, double base, double cand) {
    if (f == Figure.ERROR_RATE) {
      return cand - base;
    }
    if (!(base > 0) || !(cand > 0)) {
      return Double.NaN;
    }
    return Math.log(cand / base);
  }

  /** From the test's scale to the table's: percent, or percentage points for the error rate. */
  private static double toChange(Figure f, double d) {
    return f == Figure.ERROR_RATE ? d * 100 : Math.expm1(d) * 100;
  }

  private static int[] shape(List<Interval[]> side) {
    return side.stream().mapToInt(r -> r.length).toArray();
  }

  /** Merges intervals into one histogram on the grid and reads the figures off it. */
  private final class Accumulator {
    final long[] counts;
    long completed;
    long errors;
    long nanos;

    Accumulator(int size) {
      counts = new long[size];
    }

    double[] figures(List<Interval[]> side) {
      clear();
      for (Interval[] run : side) {
        for (Interval i : run) {
          add(i);
        }
      }
      return read();
    }

    /** Intervals drawn from {@code source} in the given shape (intervals per run). */
    double[] resample(List<Interval[]> source, int[] shape, SplittableRandom random) {
      clear();
      for (int size : shape) {
        Interval[] run = source.get(source.size() == 1 ? 0 : random.nextInt(source.size()));
        for (int j = 0; j < size; j++) {
          add(run[random.nextInt(run.length)]);
        }
      }
      return read();
    }

    private void clear() {
      Arrays.fill(counts, 0);
      completed = 0;
      errors = 0;
      nanos = 0;
    }

    private void add(Interval i) {
      for (int j = 0; j < i.index.length; j++) {
        counts[i.index[j]] += i.count[j];
      }
      completed += i.completed;
      errors += i.errors;
      nanos += i.nanos;
    }

    /** In {@link Figure} order; percentiles as HdrHistogram defines them (the value at the rounded rank). */
    private double[] read() {
      double[] out = new double[Figure.values().length];
      long total = 0;
      double sum = 0;
      for (int g = 0; g < counts.length; g++) {
        total += counts[g];
        sum += (double) grid[g] * counts[g];
      }
      if (total == 0) {
        Arrays.fill(out, 0, PERCENTILES.length + 1, Double.NaN);
      } else {
        long[] rank = new long[PERCENTILES.length];
        for (int p = 0; p < PERCENTILES.length; p++) {
          rank[p] = Math.max(1, (long) (PERCENTILES[p] / 100 * total + 0.5));
        }
        long seen = 0;
        int p = 0;
        for (int g = 0; g < counts.length && p < rank.length; g++) {
          seen += counts[g];
          while (p < rank.length && seen >= rank[p]) {
            out[p++] = grid[g];
          }
        }
        out[PERCENTILES.length] = sum / total;
      }
      out[PERCENTILES.length + 1] = nanos <= 0 ? Double.NaN : completed / (nanos / 1e9);
      out[PERCENTILES.length + 2] = completed == 0 ? Double.NaN : (double) errors / completed;
      return out;
    }
  }
}
