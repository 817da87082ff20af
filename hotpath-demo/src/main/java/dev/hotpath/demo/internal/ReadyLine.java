package dev.hotpath.demo.internal;

import java.util.OptionalInt;

/**
 * The one line a case-study service prints on stdout once it listens, so the harness that started it
 * in a child JVM knows its port without polling: {@code hotpath-demo ready port=<port>}.
 */
public final class ReadyLine {
  private static final String PREFIX = "hotpath-demo ready port=";

  private ReadyLine() {}

  /** The line announcing {@code port}. */
  public static String of(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 1..65535, was " + port);
    }
    return PREFIX + port;
  }

  /** The port {@code line} announces, or empty when it is any other output of the child. */
  public static OptionalInt parse(String line) {
    if (!line.startsWith(PREFIX)) {
      return OptionalInt.empty();
    }
    try {
      int port = Integer.parseInt(line.substring(PREFIX.length()).strip());
      return port >= 1 && port <= 65_535 ? OptionalInt.of(port) : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
