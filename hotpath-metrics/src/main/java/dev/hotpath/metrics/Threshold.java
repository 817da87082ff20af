package dev.hotpath.metrics;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A pass/fail limit on one figure of a run, written as {@code <metric><op><value>}:
 *
 * <pre>
 *   p99&lt;200ms   p99.9&lt;=1s   p(99.99)&lt;2s   mean&lt;50ms   max&lt;2s   stddev&lt;10ms
 *   error_rate&lt;0.1%   timeout_rate&lt;0.01%   rps&gt;=1000   availability&gt;=99.9%
 * </pre>
 *
 * <p>Operators: {@code <}, {@code <=}, {@code >}, {@code >=}. Latency metrics need a time unit
 * in the grammar of {@link Durations#parse} ({@code 200ms}, {@code 1.5s}, {@code 1m30s}); rates take a percentage or a
 * fraction from 0 to 1; {@code rps} takes a plain number (or {@code /s}). Spaces are allowed
 * between tokens. A bad expression throws {@link ThresholdSyntaxException} pointing at the token.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Threshold t = Threshold.parse("p99<200ms");
 * Threshold.Result r = t.evaluate(MetricValues.of(latency, outcomes, throughput, null));
 * if (!r.passed()) System.out.println(r);   // "p99<200ms  FAIL  actual 312ms"
 * }</pre>
 */
public final class Threshold {
  private static final String METRICS =
      "p<N> (e.g. p50, p99.9, p(99.99)), mean, min, max, stddev, error_rate, timeout_rate, rps, availability";
  private static final String OPS = "<, <=, >, >=";

  /** The comparison of a threshold. */
  public enum Op {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    boolean test(double actual, double limit) {
      return switch (this) {
        case LT -> actual < limit;
        case LE -> actual <= limit;
        case GT -> actual > limit;
        case GE -> actual >= limit;
      };
    }
  }

  private final String expression;
  private final Metric metric;
  private final Op op;
  private final double limit;

  private Threshold(String expression, Metric metric, Op op, double limit) {
    this.expression = expression;
    this.metric = metric;
    this.op = op;
    this.limit = limit;
  }

  /** The expression as given (trimmed). */
  public String expression() {
    return expression;
  }

  public Metric metric() {
    return metric;
  }

  public Op op() {
    return op;
  }

  /** The limit in the metric's base unit: nanoseconds, a fraction, or per second. */
  public double limit() {
    return limit;
  }

  /** Tests the threshold against {@code values}; a metric the source lacks fails. */
  public Result evaluate(MetricValues values) {
    OptionalDouble actual = values.value(metric);
    if (actual.isEmpty()) {
      return new Result(this, Double.NaN, false);
    }
    return new Result(this, actual.getAsDouble(), op.test(actual.getAsDouble(), limit));
  }

  /**
   * The outcome of one threshold.
   *
   * @param actual the measured value in the metric's base unit, NaN if the source lacked it
   */
  public record Result(Threshold threshold, double actual, boolean passed) {
    /** {@code p99<200ms  PASS  actual 120ms}. */
    @Override
    public String toString() {
      return threshold.expression() + "  " + (passed ? "PASS" : "FAIL") + "  actual "
          + (Double.isNaN(actual) ? "n/a (not measured)" : format(threshold.metric(), actual));
    }
  }

  /** Formats a value of {@code metric} in its natural unit. */
  public static String format(Metric metric, double value) {
    if (metric.kind().isLatency()) {
      return Durations.format((long) value);
    }
    if (metric.kind().isRate()) {
      return String.format(Locale.ROOT, "%.4f%%", value * 100);
    }
    return String.format(Locale.ROOT, "%.1f/s", value);
  }

  /**
   * Parses an expression.
   *
   * @throws ThresholdSyntaxException naming the bad token and what is allowed there
   */
  public static Threshold parse(String expression) {
    Objects.requireNonNull(expression, "expression");
    String e = expression.strip();
    Cursor c = new Cursor(e);
    c.skipSpaces();
    Metric metric = parseMetric(c);
    c.skipSpaces();
    Op op = parseOp(c);
    c.skipSpaces();
    double limit = parseValue(c, metric);
    c.skipSpaces();
    if (!c.atEnd()) {
      throw c.error(c.pos, "unexpected '" + e.substring(c.pos) + "' after the value");
    }
    return new Threshold(e, metric, op, limit);
  }

  private static Metric parseMetric(Cursor c) {
    int start = c.pos;
    while (!c.atEnd() && (Character.isLetter(c.peek()) || c.peek() == '_')) {
      c.pos++;
    }
    String word = c.s.substring(start, c.pos).toLowerCase(Locale.ROOT);
    if (word.isEmpty()) {
      throw c.error(start, "expected a metric; allowed: " + METRICS);
    }
    if (word.equals("p")) {
      boolean paren = !c.atEnd() && c.peek() == '(';
      if (paren) {
        c.pos++;
      }
      int numStart = c.pos;
      while (!c.atEnd() && (Character.isDigit(c.peek()) || c.peek() == '.')) {
        c.pos++;
      }
      String num = c.s.substring(numStart, c.pos);
      double p;
      try {
        p = Double.parseDouble(num);
      } catch (NumberFormatException ex) {
        throw c.error(numStart, "expected a percentile number after 'p', e.g. p99 or p99.9");
      }
      if (!(p > 0 && p <= 100)) {
        throw c.error(numStart, "percentile " + num + " is out of range; use a number in (0, 100]");
      }
      if (paren) {
        if (c.atEnd() || c.peek() != ')') {
          throw c.error(c.pos, "expected ')' to close 'p('");
        }
        c.pos++;
      }
      return Metric.percentileOf(p);
    }
    for (Metric.Kind k : Metric.Kind.values()) {
      if (k != Metric.Kind.PERCENTILE && k.token().equals(word)) {
        return Metric.of(k);
      }
    }
    throw c.error(start, "unknown metric '" + word + "'; allowed: " + METRICS);
  }

  private static Op parseOp(Cursor c) {
    int start = c.pos;
    if (c.atEnd()) {
      throw c.error(start, "expected an operator after the metric; allowed: " + OPS);
    }
    char ch = c.peek();
    if (ch != '<' && ch != '>') {
      throw c.error(start, "expected an operator, found '" + ch + "'; allowed: " + OPS);
    }
    c.pos++;
    boolean eq = !c.atEnd() && c.peek() == '=';
    if (eq) {
      c.pos++;
    }
    return ch == '<' ? (eq ? Op.LE : Op.LT) : (eq ? Op.GE : Op.GT);
  }

  private static double parseValue(Cursor c, Metric metric) {
    int start = c.pos;
    while (!c.atEnd() && (Character.isDigit(c.peek()) || c.peek() == '.')) {
      c.pos++;
    }
    String num = c.s.substring(start, c.pos);
    double v;
    try {
      v = Double.parseDouble(num);
    } catch (NumberFormatException ex) {
      throw c.error(start, "expected a number" + (c.atEnd() ? " after the operator" : ", found '" + c.s.substring(start) + "'"));
    }
    c.skipSpaces();
    int unitStart = c.pos;
    while (!c.atEnd() && !Character.isWhitespace(c.peek())) {
      c.pos++;
    }
    String unit = c.s.substring(unitStart, c.pos);
    Metric.Kind kind = metric.kind();
    if (kind.isLatency()) {
      if (unit.isEmpty()) {
        throw c.error(unitStart, "missing time unit for " + metric.name() + "; use ns, us, ms, s, m or h (e.g. "
            + metric.name() + "<200ms)");
      }
      try {
        return Durations.parse(num + unit).toNanos(); // the one duration grammar: 200ms, 1.5s, 1m30s
      } catch (IllegalArgumentException | ArithmeticException ex) {
        throw c.error(unitStart, "unknown time unit '" + unit + "' for " + metric.name()
            + "; use ns, us, ms, s, m or h (e.g. " + metric.name() + "<200ms, " + metric.name() + "<1m30s)");
      }
    }
    if (kind.isRate()) {
      if (unit.equals("%")) {
        if (v > 100) {
          throw c.error(start, metric.name() + " of " + num + "% is over 100%");
        }
        return v / 100;
      }
      if (!unit.isEmpty()) {
        throw c.error(unitStart, "unknown unit '" + unit + "' for " + metric.name() + "; use a percentage (0.1%) or a fraction (0.001)");
      }
      if (v > 1) {
        throw c.error(start, metric.name() + " as a fraction must be within 0 and 1; did you mean " + num + "%?");
      }
      return v;
    }
    if (!unit.isEmpty() && !unit.equals("/s")) {
      throw c.error(unitStart, "unknown unit '" + unit + "' for rps; write a plain number, e.g. rps>=1000");
    }
    return v;
  }

  @Override
  public String toString() {
    return expression;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Threshold t && t.metric.equals(metric) && t.op == op && t.limit == limit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(metric, op, limit);
  }

  private static final class Cursor {
    final String s;
    int pos;

    Cursor(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    char peek() {
      return s.charAt(pos);
    }

    void skipSpaces() {
      while (!atEnd() && Character.isWhitespace(peek())) {
        pos++;
      }
    }

    ThresholdSyntaxException error(int column, String problem) {
      return new ThresholdSyntaxException(s, column, problem);
    }
  }
}
