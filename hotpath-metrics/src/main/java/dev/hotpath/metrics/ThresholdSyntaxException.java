package dev.hotpath.metrics;

/**
 * A threshold expression that could not be parsed. The message names the problem, shows the
 * expression with a caret under the offending token and lists what is allowed there.
 */
public final class ThresholdSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String expression;
  private final int column;

  ThresholdSyntaxException(String expression, int column, String problem) {
    super(
        "bad threshold '" + expression + "': " + problem + " (at column " + (column + 1) + ")\n  "
            + expression + "\n  " + " ".repeat(Math.max(0, column)) + "^");
    this.expression = expression;
    this.column = column;
  }

  /** The expression as given. */
  public String expression() {
    return expression;
  }

  /** Zero-based index of the offending token in {@link #expression()}. */
  public int column() {
    return column;
  }
}
