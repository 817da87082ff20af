package dev.hotpath.load.internal.report;

import java.util.Arrays;

/**
 * The two-sided Mann-Whitney U test (Wilcoxon rank-sum): do two samples come from the same
 * distribution, or does one tend to hold larger values? Rank-based, so it needs no normality and
 * is robust to the outliers latency samples have (benchstat uses it for the same reason).
 *
 * <p>p-value: exact (the permutation distribution of U, by counting) when there are no ties and
 * both samples are small (n1 + n2 &lt;= {@value #EXACT_MAX}); otherwise the normal approximation with
 * the tie correction of the variance and a continuity correction (as R's {@code wilcox.test}).
 * The tie correction matters here: percentiles read from HdrHistogram buckets tie often.
 * (Commons Math 3's {@code MannWhitneyUTest} has neither the tie correction nor an exact mode,
 * which is why this is not delegated to it.)
 */
public final class MannWhitney {
  static final int EXACT_MAX = 50;

  /**
   * The outcome of one test.
   *
   * @param u the U statistic of the first sample (pairs where x beats y, ties counting half)
   * @param pValue two-sided; NaN when a sample is empty
   * @param exact whether the p-value is exact
   */
  public record Result(double u, double pValue, int n1, int n2, boolean exact) {}

  private MannWhitney() {}

  public static Result test(double[] x, double[] y) {
    int n1 = x.length;
    int n2 = y.length;
    if (n1 == 0 || n2 == 0) {
      return new Result(Double.NaN, Double.NaN, n1, n2, false);
    }
    int n = n1 + n2;
    double[] all = new double[n];
    System.arraycopy(x, 0, all, 0, n1);
    System.arraycopy(y, 0, all, n1, n2);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
    double[] rank = new double[n];
    double tieTerm = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && all[order[j + 1]] == all[order[i]]) {
        j++;
      }
      double avg = (i + j + 2) / 2.0; // ranks are 1-based
      for (int k = i; k <= j; k++) {
        rank[order[k]] = avg;
      }
      double t = j - i + 1;
      tieTerm += t * t * t - t;
      i = j + 1;
    }
    double r1 = 0;
    for (int i = 0; i < n1; i++) {
      r1 += rank[i];
    }
    double u1 = r1 - n1 * (n1 + 1) / 2.0;
    if (tieTerm == 0 && n <= EXACT_MAX) {
      return new Result(u1, exactP(u1, n1, n2), n1, n2, true);
    }
    double mu = n1 * (double) n2 / 2;
    double var = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
    if (var <= 0) {
      return new Result(u1, 1.0, n1, n2, false); // every value equal
    }
    double z = Math.max(0, Math.abs(u1 - mu) - 0.5) / Math.sqrt(var);
    return new Result(u1, Math.min(1, erfc(z / Math.sqrt(2))), n1, n2, false);
  }

  /** The smallest two-sided p-value the exact test can give for samples of n1 and n2 (no ties). */
  public static double minimumP(int n1, int n2) {
    if (n1 == 0 || n2 == 0) {
      return 1;
    }
    return Math.min(1, 2 / binomial(n1 + n2, n1));
  }

  private static double binomial(int n, int k) {
    double c = 1;
    for (int i = 1; i <= k; i++) {
      c = c * (n - k + i) / i;
    }
    return c;
  }

  /** Two-sided exact p: counts rank-sum subsets (dp over elements), as R's dwilcox. */
  private static double exactP(double u1, int n1, int n2) {
    int n = n1 + n2;
    int maxU = n1 * n2;
    // ways[k][u]: subsets of size k of the first i ranks whose U-contribution is u.
    // U of a subset {r_1..r_k} of ranks = sum(r) - k(k+1)/2; adding rank i+1 as the k-th element adds (i+1) - k.
    double[][] ways = new double[n1 + 1][maxU + 1];
    ways[0][0] = 1;
    for (int i = 0; i < n; i++) {
      for (int k = Math.min(n1, i + 1); k >= 1; k--) {
        int add = (i + 1) - k;
        if (add > n2) {
          continue;
        }
        double[] to = ways[k];
        double[] from = ways[k - 1];
        for (int u = maxU; u >= add; u--) {
          to[u] += from[u - add];
        }
      }
    }
    double total = 0;
    double le = 0;
    double ge = 0;
    for (int u = 0; u <= maxU; u++) {
      double w = ways[n1][u];
      total += w;
      if (u <= u1 + 1e-9) {
        le += w;
      }
      if (u >= u1 - 1e-9) {
        ge += w;
      }
    }
    return Math.min(1, 2 * Math.min(le, ge) / total);
  }

  /** Complementary error function, fractional error below 1.2e-7 (Numerical Recipes' erfcc). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? ans : 2 - ans;
  }
}
