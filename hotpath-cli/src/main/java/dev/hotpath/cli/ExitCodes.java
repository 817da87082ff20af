package dev.hotpath.cli;

/**
 * The exit codes of every {@code hotpath} command, documented in README.md and docs/load.md.
 * Scripts and CI depend on them; never reuse a number for another meaning.
 */
public final class ExitCodes {
  /** Everything ran and every check passed. */
  public static final int OK = 0;
  /** A comparison found a significant regression past a {@code --fail-on} limit. */
  public static final int REGRESSION = 1;
  /** Bad input: unknown flag, malformed value, unreadable file, unreachable target. */
  public static final int USAGE = 2;
  /** The command failed while running (I/O error, internal error). */
  public static final int FAILURE = 3;
  /**
   * {@code compare --fail-on}: a result's load generator was flagged untrustworthy, so no verdict is
   * given ({@code --allow-untrustworthy} gates anyway).
   */
  public static final int UNTRUSTWORTHY = 4;
  /** The run was interrupted (Ctrl-C); results so far were still printed and written. */
  public static final int INTERRUPTED = 130;
  /** At least one {@code --threshold} failed. */
  public static final int THRESHOLD_FAILED = 99;

  /** The help footer line of a command that only reads and writes files or prints. */
  static final String HELP_BASIC = "Exit codes: 0 ok, 2 bad input, 3 failure while running.";

  private ExitCodes() {}
}
