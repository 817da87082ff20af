package dev.hotpath.resilience;

/**
 * Thrown when a {@link Bulkhead} or {@link ExecutorBulkhead} has no permit (or queue slot) for a
 * call within its configured maximum wait, or the waiting thread was interrupted.
 *
 * <p>Carries no stack trace (rejection is a fast path under load). Immutable and thread-safe.
 */
public final class BulkheadFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String bulkheadName;

  /** Creates the rejection of a call by bulkhead {@code bulkheadName}, with a reason. */
  public BulkheadFullException(String bulkheadName, String reason) {
    super("bulkhead '" + bulkheadName + "' is full: " + reason, null, false, false);
    this.bulkheadName = bulkheadName;
  }

  /** The name of the bulkhead that rejected the call. */
  public String bulkheadName() {
    return bulkheadName;
  }
}
