package dev.hotpath.load.report;

import java.util.Locale;

/**
 * A {@code --fail-on} limit of {@code hotpath compare}: how far a figure may move for the worse
 * before a <em>significant</em> change fails the comparison. Written {@code <figure><op><signed
 * percent>}: {@code p99>+10%} (P99 rose by more than 10%), {@code mean>+5%}, {@code rps<-5%} (the
 * throughput fell by more than 5%), {@code error_rate>+0.5%} (for the error rate the change is in
 * percentage points: it rose by more than half a point). Figures: {@code p50 p90 p99 p99.9 mean
 * rps error_rate}.
 *
 * <p>A change that is not statistically significant never trips a limit, however large: that is
 * the point of comparing with a test rather than with two numbers.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * RegressionLimit limit = RegressionLimit.parse("p99>+10%");
 * boolean failed = comparison.overall(limit.figure()).map(limit::isViolatedBy).orElse(false);
 * }</pre>
 *
 * @param expression as written
 * @param figure the figure it limits
 * @param above true for {@code >} (fails when the change is above {@code limit}), false for {@code <}
 * @param limit the change allowed, in percent (percentage points for the error rate), signed
 */
public record RegressionLimit(String expression, ResultComparison.Figure figure, boolean above, double limit) {

  /**
   * Parses a limit.
   *
   * @throws IllegalArgumentException naming {@code --fail-on}, the expression and the accepted form
   */
  public static RegressionLimit parse(String text) {
    String t = text.strip().replace(" ", "");
    int op = Math.max(t.indexOf('>'), t.indexOf('<'));
    String form = " (e.g. p99>+10%, rps<-5%, error_rate>+0.5%; figures: " + ResultComparison.Figure.tokens() + ")";
    if (op <= 0 || !t.endsWith("%")) {
      throw new IllegalArgumentException("--fail-on: '" + text + "' is not FIGURE>+N% or FIGURE<-N%" + form);
    }
    String token = t.substring(0, op).toLowerCase(Locale.ROOT);
    ResultComparison.Figure figure = ResultComparison.Figure.fromToken(token);
    if (figure == null) {
      throw new IllegalArgumentException("--fail-on: unknown figure '" + token + "' in '" + text + "'" + form);
    }
    boolean above = t.charAt(op) == '>';
    String num = t.substring(op + 1, t.length() - 1);
    if (num.startsWith("=")) {
      throw new IllegalArgumentException("--fail-on: use > or <, not >= or <=, in '" + text + "'" + form);
    }
    double v;
    try {
      v = Double.parseDouble(num);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--fail-on: '" + num + "' is not a number in '" + text + "'" + form, e);
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("--fail-on: the limit must be finite, was '" + num + "'" + form);
    }
    return new RegressionLimit(text.strip(), figure, above, v);
  }

  /** Whether {@code change} is significant and beyond this limit. */
  public boolean isViolatedBy(ResultComparison.Change change) {
    if (change.figure() != figure || !change.significant() || Double.isNaN(change.change())) {
      return false;
    }
    return above ? change.change() > limit : change.change() < limit;
  }

  @Override
  public String toString() {
    return expression;
  }
}
