package dev.hotpath.monitor.internal;

/**
 * Ordinary least squares of y over x, with the coefficient of determination. A straight line is
 * the simplest model of a leak's steady growth; R² keeps a few noisy floors from passing as one.
 */
public record TrendFit(double slope, double intercept, double rSquared) {

  /** Fits {@code ys} over {@code xs} (same length, at least 2 points). */
  public static TrendFit of(double[] xs, double[] ys) {
    int n = xs.length;
    if (n < 2 || ys.length != n) {
      throw new IllegalArgumentException("need at least 2 points of equal count, got " + n + " and " + ys.length);
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += xs[i];
      my += ys[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = xs[i] - mx;
      double dy = ys[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    if (sxx == 0) {
      return new TrendFit(0, my, 0);
    }
    double slope = sxy / sxx;
    double r2 = syy == 0 ? 0 : (sxy * sxy) / (sxx * syy);
    return new TrendFit(slope, my - slope * mx, r2);
  }

  /** The fitted y at x. */
  public double at(double x) {
    return intercept + slope * x;
  }
}
