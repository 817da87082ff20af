package dev.hotpath.load;

/**
 * No connection to the target could be opened before the run started (unknown host, connection
 * refused, TLS handshake failure). The message names the target and the cause.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * try { runner.run(listener); } catch (TargetUnreachableException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public final class TargetUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TargetUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
