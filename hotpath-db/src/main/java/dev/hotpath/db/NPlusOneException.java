package dev.hotpath.db;

/**
 * Thrown by an inspected statement in strict mode ({@link InspectorConfig#strictNPlusOne()}) when
 * it completes an {@link NPlusOne} pattern, so a test fails where the loop is (like QuickPerf's
 * {@code @ExpectMaxSelect}). The statement has run; its result set is closed.
 */
public final class NPlusOneException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient NPlusOne detection;

  /** Creates the exception for {@code detection}. */
  public NPlusOneException(NPlusOne detection) {
    super(detection.toString());
    this.detection = detection;
  }

  /** What was detected. */
  public NPlusOne detection() {
    return detection;
  }
}
