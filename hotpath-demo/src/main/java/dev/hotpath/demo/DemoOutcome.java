package dev.hotpath.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * How a demo run ended: where its results are and which steps failed.
 *
 * <p>Thread-safe: immutable.
 */
public final class DemoOutcome {
  /** Every step ran and answered. */
  public static final int OK = 0;
  /** At least one step failed (its service did not start, died, or answered with errors). */
  public static final int STEP_FAILED = 1;

  private final Path dir;
  private final List<String> failures;

  DemoOutcome(Path dir, List<String> failures) {
    this.dir = dir;
    this.failures = List.copyOf(failures);
  }

  /** The results folder (index.html, summary.json, one folder per case). */
  public Path dir() {
    return dir;
  }

  /** Why steps failed, one line each; empty when all went well. */
  public List<String> failures() {
    return failures;
  }

  /** {@link #OK} or {@link #STEP_FAILED}. */
  public int exitCode() {
    return failures.isEmpty() ? OK : STEP_FAILED;
  }

  @Override
  public String toString() {
    return "DemoOutcome[dir=" + dir + ", failures=" + failures + "]";
  }
}
