package dev.hotpath.demo;

/**
 * A demo that cannot go on: bad input ({@link #BAD_INPUT}: an unknown case or step, an unreachable
 * {@code --db} or {@code --redis}, a busy port, a non-empty {@code --out}) or a verify mismatch
 * ({@link #VERIFY_MISMATCH}: the modes of a service answered differently). The message is one line
 * that names the problem and the fix; {@link #exitCode()} is the command's exit code.
 */
public final class DemoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code of bad input. */
  public static final int BAD_INPUT = 2;
  /** Exit code of a verify mismatch. */
  public static final int VERIFY_MISMATCH = 3;

  private final int exitCode;

  public DemoException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public DemoException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** {@link #BAD_INPUT} or {@link #VERIFY_MISMATCH}. */
  public int exitCode() {
    return exitCode;
  }
}
