package dev.hotpath.load.internal.report;

import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The two-sided Mann-Whitney U test (Wilcoxon rank-sum) of Apache Commons Statistics: do two samples
 * come from the same distribution, or does one tend to hold larger values? Rank-based, so it needs no
 * normality and is robust to the outliers latency samples have (benchstat uses it for the same
 * reason).
 *
 * <p>Commons Statistics computes the p-value exactly when there are no ties and the samples are
 * small, and otherwise from the normal approximation with the tie correction of the variance and a
 * continuity correction (as R's {@code wilcox.test} and SciPy). The tie correction matters here:
 * percentiles read from HdrHistogram buckets tie often. This class only adapts it to our samples
 * (empty samples give NaN) and adds {@link #minimumP}, which decides whether a test across a few
 * runs can ever be significant.
 */
public final class MannWhitney {
  private static final MannWhitneyUTest TEST = MannWhitneyUTest.withDefaults();

  /**
   * The outcome of one test.
   *
   * @param u the U statistic of the first sample (pairs where x beats y, ties counting half)
   * @param pValue two-sided; NaN when a sample is empty
   * @param ties whether the pooled samples hold tied values (the p-value is then approximate)
   */
  public record Result(double u, double pValue, int n1, int n2, boolean ties) {}

  private MannWhitney() {}

  public static Result test(double[] x, double[] y) {
    if (x.length == 0 || y.length == 0) {
      return new Result(Double.NaN, Double.NaN, x.length, y.length, false);
    }
    MannWhitneyUTest.Result r = TEST.test(x, y);
    // every value equal: the rank variance is 0 and Commons answers NaN; nothing tells the samples apart
    double p = Double.isNaN(r.getPValue()) ? 1 : Math.min(1, r.getPValue());
    return new Result(r.getStatistic(), p, x.length, y.length, r.hasTiedValues());
  }

  /** The smallest two-sided p-value the exact test can give for samples of n1 and n2 (no ties). */
  public static double minimumP(int n1, int n2) {
    if (n1 == 0 || n2 == 0) {
      return 1;
    }
    double ways = 1; // C(n1 + n2, n1): the equally likely rank arrangements, two of them extreme
    for (int i = 1; i <= n1; i++) {
      ways = ways * (n2 + i) / i;
    }
    return Math.min(1, 2 / ways);
  }
}
