package dev.hotpath.load.internal;

import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * HPACK (RFC 7541) that leaves no trace in either side's dynamic table: every field is a static-table
 * index (an exact match) or a literal without indexing (a static-table name where there is one, no
 * Huffman coding). A block encoded once is therefore valid on every connection and at any point in
 * one, so a constant request's HEADERS frame is built once and copied per request.
 */
final class StatelessHpack {
  /** RFC 7541 Appendix A: the static table's names, index 1 to 61. */
  private static final String[] NAMES = {
    ":authority", ":method", ":method", ":path", ":path", ":scheme", ":scheme", ":status", ":status", ":status",
    ":status", ":status", ":status", ":status", "accept-charset", "accept-encoding", "accept-language",
    "accept-ranges", "accept", "access-control-allow-origin", "age", "allow", "authorization", "cache-control",
    "content-disposition", "content-encoding", "content-language", "content-length", "content-location",
    "content-range", "content-type", "cookie", "date", "etag", "expect", "expires", "from", "host", "if-match",
    "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "last-modified", "link", "location",
    "max-forwards", "proxy-authenticate", "proxy-authorization", "range", "referer", "refresh", "retry-after",
    "server", "set-cookie", "strict-transport-security", "transfer-encoding", "user-agent", "vary", "via",
    "www-authenticate",
  };
  /** The static entries with a value a request can use as is. */
  private static final Map<String, Integer> EXACT = Map.of(
      ":method\0GET", 2, ":method\0POST", 3, ":path\0/", 4, ":path\0/index.html", 5,
      ":scheme\0http", 6, ":scheme\0https", 7, "accept-encoding\0gzip, deflate", 16);
  private static final Map<String, Integer> NAME_INDEX = new HashMap<>();

  static {
    for (int i = NAMES.length - 1; i >= 0; i--) {
      NAME_INDEX.put(NAMES[i], i + 1); // the lowest index of a name wins
    }
  }

  private StatelessHpack() {}

  /** The header block of {@code headers} (pseudo-headers first, as {@link Http2Headers} iterates them). */
  static byte[] encode(Http2Headers headers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    for (Map.Entry<CharSequence, CharSequence> e : headers) {
      String name = AsciiString.of(e.getKey()).toLowerCase().toString();
      String value = e.getValue().toString();
      Integer exact = EXACT.get(name + '\0' + value);
      if (exact != null) {
        integer(out, 0x80, 7, exact); // indexed header field
        continue;
      }
      Integer index = NAME_INDEX.get(name);
      if (index != null) {
        integer(out, 0x00, 4, index); // literal without indexing, indexed name
      } else {
        out.write(0x00); // literal without indexing, new name
        string(out, name);
      }
      string(out, value);
    }
    return out.toByteArray();
  }

  private static void string(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    integer(out, 0x00, 7, b.length); // H = 0: raw octets
    out.write(b, 0, b.length);
  }

  /** RFC 7541 5.1: {@code value} with an N-bit prefix, the first byte's other bits {@code mask}. */
  private static void integer(ByteArrayOutputStream out, int mask, int prefixBits, int value) {
    int max = (1 << prefixBits) - 1;
    if (value < max) {
      out.write(mask | value);
      return;
    }
    out.write(mask | max);
    int rest = value - max;
    while (rest >= 0x80) {
      out.write((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    out.write(rest);
  }
}
