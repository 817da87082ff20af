package dev.hotpath.load.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A string with {@code ${seq}}, {@code ${random:LO:HI}}, {@code ${uuid}} and {@code ${csv:column}}
 * placeholders, parsed once; rendering only appends.
 */
public final class Template {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private sealed interface Part permits Literal, Seq, Random, Uuid, Csv {}

  private record Literal(String text) implements Part {}

  private record Seq() implements Part {}

  private record Random(long lo, long hi) implements Part {}

  private record Uuid() implements Part {}

  private record Csv(int column) implements Part {}

  private final Part[] parts;
  private final String source;

  private Template(List<Part> parts, String source) {
    this.parts = parts.toArray(new Part[0]);
    this.source = source;
  }

  /**
   * Compiles {@code text}.
   *
   * @throws IllegalArgumentException for an unknown or malformed placeholder, naming it
   */
  public static Template compile(String text, List<String> csvColumns) {
    List<Part> parts = new ArrayList<>();
    int pos = 0;
    while (pos < text.length()) {
      int open = text.indexOf("${", pos);
      if (open < 0) {
        parts.add(new Literal(text.substring(pos)));
        break;
      }
      if (open > pos) {
        parts.add(new Literal(text.substring(pos, open)));
      }
      int close = text.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '${' in '" + text + "'");
      }
      parts.add(placeholder(text.substring(open + 2, close), csvColumns));
      pos = close + 1;
    }
    return new Template(parts, text);
  }

  private static Part placeholder(String p, List<String> csvColumns) {
    if (p.equals("seq")) {
      return new Seq();
    }
    if (p.equals("uuid")) {
      return new Uuid();
    }
    if (p.startsWith("random:")) {
      int second = p.indexOf(':', 7);
      try {
        long lo = Long.parseLong(p.substring(7, second));
        long hi = Long.parseLong(p.substring(second + 1));
        if (hi < lo) {
          throw new IllegalArgumentException();
        }
        return new Random(lo, hi);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("'${" + p + "}' must be ${random:LO:HI} with integers LO <= HI", e);
      }
    }
    if (p.startsWith("csv:")) {
      String col = p.substring(4);
      int i = csvColumns.indexOf(col);
      if (i < 0) {
        throw new IllegalArgumentException("'${" + p + "}': no CSV column '" + col + "'"
            + (csvColumns.isEmpty() ? " (the scenario has no csv file)" : " (columns: " + csvColumns + ")"));
      }
      return new Csv(i);
    }
    throw new IllegalArgumentException(
        "unknown placeholder '${" + p + "}' (known: ${seq}, ${random:LO:HI}, ${uuid}, ${csv:column})");
  }

  /** Whether the template is plain text (renders the same every time). */
  public boolean isConstant() {
    for (Part p : parts) {
      if (!(p instanceof Literal)) {
        return false;
      }
    }
    return true;
  }

  /** Whether any part reads a CSV row. */
  public boolean usesCsv() {
    for (Part p : parts) {
      if (p instanceof Csv) {
        return true;
      }
    }
    return false;
  }

  /** Appends the rendering for request number {@code seq} with CSV row {@code row}. */
  public void appendTo(StringBuilder sb, long seq, List<String> row) {
    for (Part p : parts) {
      switch (p) {
        case Literal l -> sb.append(l.text());
        case Seq s -> sb.append(seq);
        case Random r -> sb.append(r.lo() == r.hi() ? r.lo() : ThreadLocalRandom.current().nextLong(r.lo(), r.hi() + 1));
        case Uuid u -> appendUuid(sb);
        case Csv c -> sb.append(row.get(c.column()));
      }
    }
  }

  /** A random (version 4) UUID from the thread-local generator: SecureRandom is too slow here. */
  private static void appendUuid(StringBuilder sb) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    hex(sb, hi >>> 32, 8).append('-');
    hex(sb, hi >>> 16, 4).append('-');
    hex(sb, hi, 4).append('-');
    hex(sb, lo >>> 48, 4).append('-');
    hex(sb, lo, 12);
  }

  private static StringBuilder hex(StringBuilder sb, long v, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      sb.append(HEX[(int) (v >>> (i * 4)) & 0xF]);
    }
    return sb;
  }

  @Override
  public String toString() {
    return source;
  }
}
