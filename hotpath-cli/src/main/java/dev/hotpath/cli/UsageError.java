package dev.hotpath.cli;

/**
 * A mistake in what the user gave (a bad value, a missing file): printed as one line, without a
 * stack trace, and the command exits with {@link ExitCodes#USAGE}. The message names the problem
 * and the fix.
 */
public final class UsageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageError(String message) {
    super(message);
  }

  public UsageError(String message, Throwable cause) {
    super(message, cause);
  }
}
