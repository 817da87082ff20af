package dev.hotpath.resilience;

/**
 * Thrown when a {@link Bulkhead} or {@link ExecutorBulkhead} has no permit (or queue slot) for a
 * call within its configured maximum wait, or the waiting thread was interrupted.
 *
 * <p>A {@link RejectedCallException}: no stack trace, immutable and thread-safe.
 */
public final class BulkheadFullException extends RejectedCallException {
  private static final long serialVersionUID = 1L;

  /** Creates the rejection of a call by bulkhead {@code bulkheadName}, with a reason. */
  public BulkheadFullException(String bulkheadName, String reason) {
    super(bulkheadName, "bulkhead '" + bulkheadName + "' is full: " + reason);
  }
}
