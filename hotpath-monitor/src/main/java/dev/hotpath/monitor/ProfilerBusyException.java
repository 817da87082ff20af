package dev.hotpath.monitor;

/** Thrown when a profile is requested while another one is running: one profile at a time. */
public final class ProfilerBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProfilerBusyException(String message) {
    super(message);
  }
}
