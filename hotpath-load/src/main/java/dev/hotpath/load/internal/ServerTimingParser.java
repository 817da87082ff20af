package dev.hotpath.load.internal;

/**
 * Parses a W3C {@code Server-Timing} header value ({@code db;dur=8.2;desc="3", app;dur=12.41})
 * and hands each named {@code dur} (milliseconds, converted to nanoseconds) to a sink.
 */
final class ServerTimingParser {
  /** Receives each metric with a valid {@code dur}. */
  @FunctionalInterface
  interface Sink {
    void metric(String name, long nanos);
  }

  private ServerTimingParser() {}

  static void parse(String header, Sink into) {
    int len = header.length();
    int pos = 0;
    while (pos < len) {
      // one metric: name *( ";" param ), up to a comma outside quotes
      int end = pos;
      boolean quoted = false;
      while (end < len) {
        char c = header.charAt(end);
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          break;
        }
        end++;
      }
      metric(header, pos, end, into);
      pos = end + 1;
    }
  }

  private static void metric(String h, int from, int to, Sink into) {
    int semi = h.indexOf(';', from);
    int nameEnd = semi < 0 || semi > to ? to : semi;
    String name = h.substring(from, nameEnd).trim();
    if (name.isEmpty() || semi < 0 || semi > to) {
      return;
    }
    int p = semi + 1;
    while (p < to) {
      int next = h.indexOf(';', p);
      if (next < 0 || next > to) {
        next = to;
      }
      String param = h.substring(p, next).trim();
      if (param.regionMatches(true, 0, "dur=", 0, 4)) {
        String v = param.substring(4).trim();
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
          v = v.substring(1, v.length() - 1);
        }
        try {
          double ms = Double.parseDouble(v);
          if (ms >= 0 && Double.isFinite(ms)) {
            into.metric(name, Math.round(ms * 1e6));
          }
        } catch (NumberFormatException ignored) {
          // a malformed dur is the server's problem; the metric is skipped
        }
        return;
      }
      p = next + 1;
    }
  }
}
