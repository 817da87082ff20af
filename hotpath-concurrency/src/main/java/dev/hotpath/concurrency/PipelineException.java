package dev.hotpath.concurrency;

import org.jspecify.annotations.Nullable;

/**
 * The first error of a {@link Pipeline}: which stage failed, on which element, and why (the
 * cause). The pipeline stopped when it happened.
 */
public final class PipelineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String stage;
  private final transient @Nullable Object element;

  /** An error of {@code stage} while processing {@code element} (null when not tied to one). */
  public PipelineException(String stage, @Nullable Object element, Throwable cause) {
    super(
        "stage " + stage + " failed"
            + (element == null ? "" : " on element " + abbreviate(String.valueOf(element)))
            + ": " + cause,
        cause);
    this.stage = stage;
    this.element = element;
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /** The name of the failed stage. */
  public String stage() {
    return stage;
  }

  /**
   * The element the stage was processing (for a batch stage's consumer, the batch); null for a
   * source error, where no element exists yet.
   */
  public @Nullable Object element() {
    return element;
  }
}
