package dev.hotpath.demo.shop;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The guide's fixes for the e-commerce API, each switchable alone. No fix is the guide's "before"
 * (naive); all of them is the optimized service. The order is the order in which the demo adds them.
 */
public enum Fix {
  /** Secondary indexes chosen with {@code ExplainAdvisor} (without it the server drops them). */
  INDEXES("indexes"),
  /** JOIN / correlated aggregates with explicit columns instead of a query per row and {@code SELECT *}. */
  NO_N_PLUS_ONE("no-n-plus-one"),
  /** A HikariCP pool ({@code Pools.create}) instead of a new connection per request. */
  POOL("pool"),
  /** {@code TieredCache} cache-aside for every read, invalidated by writes. */
  CACHE("cache"),
  /** {@code CompressionFilter}: gzip/deflate/zstd for clients that send {@code Accept-Encoding}. */
  COMPRESSION("compression");

  private final String token;

  Fix(String token) {
    this.token = token;
  }

  /** The name on the command line ({@code no-n-plus-one}). */
  public String token() {
    return token;
  }

  /**
   * Parses {@code none}, {@code all} or a comma-separated list of tokens.
   *
   * @throws IllegalArgumentException naming the unknown token and the allowed ones
   */
  public static Set<Fix> parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("none") || t.isEmpty()) {
      return Collections.unmodifiableSet(EnumSet.noneOf(Fix.class));
    }
    if (t.equals("all")) {
      return Collections.unmodifiableSet(EnumSet.allOf(Fix.class));
    }
    EnumSet<Fix> out = EnumSet.noneOf(Fix.class);
    for (String part : t.split(",", -1)) {
      String p = part.strip();
      Fix fix = Stream.of(values()).filter(f -> f.token.equals(p)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("--fixes: unknown fix '" + p + "'; use none, all or a comma list of "
              + Stream.of(values()).map(Fix::token).collect(Collectors.joining(","))));
      out.add(fix);
    }
    return Collections.unmodifiableSet(out);
  }

  /** {@code none}, {@code all} or the comma list, the inverse of {@link #parse}. */
  public static String format(Set<Fix> fixes) {
    if (fixes.isEmpty()) {
      return "none";
    }
    if (fixes.size() == values().length) {
      return "all";
    }
    return fixes.stream().sorted().map(Fix::token).collect(Collectors.joining(","));
  }
}
