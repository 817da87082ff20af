package dev.hotpath.metrics;

/** Keeps Server-Timing metric names within RFC 7230's token characters. */
final class ServerTimingToken {
  private ServerTimingToken() {}

  static String sanitize(String name) {
    StringBuilder sb = null;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
      if (!ok) {
        if (sb == null) {
          sb = new StringBuilder(name.substring(0, i));
        }
        sb.append('_');
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? (name.isEmpty() ? "_" : name) : sb.toString();
  }
}
