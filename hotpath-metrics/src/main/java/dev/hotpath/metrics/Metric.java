package dev.hotpath.metrics;

import java.util.Locale;

/**
 * A figure a {@link Threshold} can test: a latency statistic (in nanoseconds), a rate (a fraction
 * from 0 to 1) or throughput (per second).
 *
 * @param kind which figure
 * @param percentile for {@link Kind#PERCENTILE}, the percentile from 0 to 100; otherwise NaN
 */
public record Metric(Kind kind, double percentile) {

  /** The figures thresholds know, with the names used in expressions. */
  public enum Kind {
    PERCENTILE("p<N>"),
    MEAN("mean"),
    MIN("min"),
    MAX("max"),
    STDDEV("stddev"),
    ERROR_RATE("error_rate"),
    TIMEOUT_RATE("timeout_rate"),
    RPS("rps"),
    AVAILABILITY("availability");

    private final String token;

    Kind(String token) {
      this.token = token;
    }

    /** The name in threshold expressions. */
    public String token() {
      return token;
    }

    /** Whether values are nanoseconds. */
    public boolean isLatency() {
      return this == PERCENTILE || this == MEAN || this == MIN || this == MAX || this == STDDEV;
    }

    /** Whether values are fractions from 0 to 1. */
    public boolean isRate() {
      return this == ERROR_RATE || this == TIMEOUT_RATE || this == AVAILABILITY;
    }
  }

  /** Validates the percentile. */
  public Metric {
    if (kind == Kind.PERCENTILE && !(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100], was " + percentile);
    }
    if (kind != Kind.PERCENTILE) {
      percentile = Double.NaN;
    }
  }

  /** The {@code p<N>} metric, e.g. {@code percentile(99.9)}. */
  public static Metric percentileOf(double percentile) {
    return new Metric(Kind.PERCENTILE, percentile);
  }

  /** A metric without a percentile. */
  public static Metric of(Kind kind) {
    if (kind == Kind.PERCENTILE) {
      throw new IllegalArgumentException("a percentile metric needs its percentile: use percentileOf");
    }
    return new Metric(kind, Double.NaN);
  }

  /** The name as written in expressions: {@code p99.9}, {@code mean}, {@code error_rate}. */
  public String name() {
    if (kind != Kind.PERCENTILE) {
      return kind.token();
    }
    String p = String.format(Locale.ROOT, "%s", percentile);
    return "p" + (p.endsWith(".0") ? p.substring(0, p.length() - 2) : p);
  }

  @Override
  public String toString() {
    return name();
  }
}
