package dev.hotpath.monitor;

/**
 * Retries an assertion for a few seconds: a server records the timer after the handler returns,
 * which may be just after the client already has the response.
 */
final class Eventually {
  private Eventually() {}

  static void eventually(Runnable assertion) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError | RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
