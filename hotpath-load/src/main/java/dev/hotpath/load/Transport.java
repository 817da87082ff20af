package dev.hotpath.load;

import java.util.Locale;

/**
 * The socket I/O the engine's event loops use. {@link #AUTO} takes epoll (Linux), else io_uring
 * (Linux 5.x and later), else NIO (everywhere); which is cheapest per request depends on the kernel
 * and the load (docs/benchmarks.md says how to measure it).
 *
 * <p>Thread-safe: an enum.
 *
 * <pre>{@code
 * LoadConfig c = LoadConfig.builder(scenario).transport(Transport.parse("io_uring")).build();
 * }</pre>
 */
public enum Transport {
  /** epoll if available, else io_uring, else NIO. */
  AUTO,
  /** Linux epoll (Netty's native transport). */
  EPOLL,
  /** Linux io_uring (Netty 4.2's native transport). */
  IO_URING,
  /** Java NIO: works everywhere, costs more CPU per request. */
  NIO;

  /** The name used on the command line and in results: {@code auto}, {@code epoll}, {@code io_uring}, {@code nio}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The transport named {@code text} ({@code io-uring} is accepted for {@code io_uring}).
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static Transport parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (Transport v : values()) {
      if (v.cliName().equals(t)) {
        return v;
      }
    }
    throw new IllegalArgumentException("--transport must be auto, epoll, io_uring or nio, was '" + text + "'");
  }
}
