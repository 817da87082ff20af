package dev.hotpath.http.internal;

import dev.hotpath.http.ContentCoding;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Content negotiation on {@code Accept-Encoding} (RFC 9110 section 12.5.3), with q-values.
 *
 * <p>Rules, in order: no header means identity (the client stated no preference, and many old
 * clients cannot decode); {@code q=0} makes a coding unacceptable; {@code *} gives its q-value to
 * every coding not listed by name (identity included); identity is acceptable unless {@code
 * identity;q=0} or {@code *;q=0} say otherwise; the coding with the highest q wins, ties go to
 * the server's preference order, and identity wins only when it was named (itself or through
 * {@code *}) with a strictly higher q. When
 * nothing the server offers is acceptable the response goes out as identity (RFC 9110 allows 406,
 * but an uncompressed body is more useful than an error). A malformed q-value makes its element be
 * ignored. Stateless and thread-safe.
 */
public final class AcceptEncoding {
  private static final int UNSET = -1;

  private AcceptEncoding() {}

  /**
   * The coding to apply, or {@code null} for identity.
   *
   * @param header the {@code Accept-Encoding} value(s), comma-joined; {@code null} when absent
   * @param offered the codings the server can apply, most preferred first
   */
  public static @Nullable ContentCoding negotiate(@Nullable String header, List<ContentCoding> offered) {
    if (header == null) {
      return null;
    }
    Map<ContentCoding, Integer> named = new EnumMap<>(ContentCoding.class);
    int star = UNSET;
    int identity = UNSET;
    for (String element : header.split(",", -1)) {
      String[] parts = element.split(";", -1);
      String token = parts[0].trim().toLowerCase(Locale.ROOT);
      if (token.isEmpty()) {
        continue;
      }
      int q = 1000;
      for (int i = 1; i < parts.length; i++) {
        String param = parts[i].trim();
        if (param.length() > 1 && (param.charAt(0) == 'q' || param.charAt(0) == 'Q') && param.charAt(1) == '=') {
          q = parseQ(param.substring(2).trim());
        }
      }
      if (q == UNSET) {
        continue; // malformed q-value: ignore the element
      }
      if (token.equals("*")) {
        star = q;
      } else if (token.equals("identity")) {
        identity = q;
      } else {
        ContentCoding coding = ContentCoding.fromToken(token);
        if (coding != null) {
          named.merge(coding, q, Math::max);
        }
      }
    }
    ContentCoding best = null;
    int bestQ = 0;
    for (ContentCoding coding : offered) {
      Integer explicit = named.get(coding);
      int q = explicit != null ? explicit : (star == UNSET ? 0 : star);
      if (q > bestQ) {
        best = coding;
        bestQ = q;
      }
    }
    // Identity is always acceptable unless refused, but it has a preference only when the client
    // named it (or *): "gzip;q=0.5" alone still means "gzip, please".
    int identityQ = identity != UNSET ? identity : (star != UNSET ? star : 0);
    return best != null && bestQ >= identityQ ? best : null;
  }

  /** RFC 9110 qvalue as thousandths: "0" / "0.xxx" / "1" / "1.000"; {@link #UNSET} if malformed. */
  static int parseQ(String s) {
    int n = s.length();
    if (n == 0 || n > 5 || (s.charAt(0) != '0' && s.charAt(0) != '1')) {
      return UNSET;
    }
    int value = (s.charAt(0) - '0') * 1000;
    if (n > 1) {
      if (s.charAt(1) != '.') {
        return UNSET;
      }
      int scale = 100;
      for (int i = 2; i < n; i++, scale /= 10) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return UNSET;
        }
        value += (c - '0') * scale;
      }
    }
    return value > 1000 ? UNSET : value;
  }
}
