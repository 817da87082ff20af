package dev.hotpath.load;

import org.jspecify.annotations.Nullable;

/**
 * A scenario file that cannot be used: unreadable, not YAML, or not a valid scenario. The message
 * names the file and, where known, the line and column.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * try { Scenario.fromYaml(path); } catch (ScenarioException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public final class ScenarioException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;

  /** {@code line} and {@code column} are 1-based, or 0 when unknown. */
  public ScenarioException(String message, int line, int column, @Nullable Throwable cause) {
    super(message, cause);
    this.line = line;
    this.column = column;
  }

  /** 1-based line of the problem, 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column of the problem, 0 when unknown. */
  public int column() {
    return column;
  }
}
