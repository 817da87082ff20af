package dev.hotpath.junit.internal;

import dev.hotpath.db.SlowQuery;
import dev.hotpath.junit.StatementKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks one call's statements against the query budgets and words what went wrong: each
 * statement with its time, call site and bound values, then the statements grouped by
 * fingerprint, so the failure shows the loop without a debugger. Stateless.
 */
public final class QueryReport {
  private static final int LISTED = 50;

  private QueryReport() {}

  /** Statements of {@code kind} among {@code queries}. */
  public static List<SlowQuery> ofKind(List<SlowQuery> queries, StatementKind kind) {
    return kind == StatementKind.ANY ? queries : queries.stream().filter(q -> kind.matches(q.fingerprint())).toList();
  }

  /** The failure text for a count budget, e.g. {@code @MaxQueries(2) ...: 7 statements}. */
  public static String countFailure(String budget, StatementKind kind, List<SlowQuery> counted, long total) {
    String what = kind == StatementKind.ANY ? "statements" : kind + " statements";
    return budget + ": " + counted.size() + " " + what + " ran" + (total > counted.size() ? " (" + total + " in all)" : "")
        + "\n" + listing(counted) + byFingerprint(counted);
  }

  /**
   * N+1 groups: SELECT fingerprints run at least {@code threshold} times from one call site, in
   * first-seen order, with count and total time.
   */
  public static List<Group> nPlusOne(List<SlowQuery> queries, int threshold) {
    Map<String, Group> groups = new LinkedHashMap<>();
    for (SlowQuery q : queries) {
      if (StatementKind.SELECT.matches(q.fingerprint())) {
        groups
            .computeIfAbsent(q.fingerprint() + "\n" + q.callSite(), k -> new Group(q.fingerprint(), q.callSite()))
            .add(q);
      }
    }
    return groups.values().stream().filter(g -> g.count >= threshold).toList();
  }

  /** The failure text for N+1 groups. */
  public static String nPlusOneFailure(int threshold, List<Group> groups, List<SlowQuery> all) {
    StringBuilder sb = new StringBuilder("@NoNPlusOne(threshold = " + threshold + "): ");
    sb.append(groups.size()).append(groups.size() == 1 ? " N+1 pattern" : " N+1 patterns").append('\n');
    for (Group g : groups) {
      sb.append(String.format(Locale.ROOT, "  %d x [%s] from %s, %.2f ms in total, values %s%n",
          g.count, g.fingerprint, g.callSite, g.nanos / 1e6, g.sampleValues()));
    }
    sb.append("  fetch each group with one JOIN, an IN-list or a batch fetch (JPA: join fetch, @EntityGraph, @BatchSize)\n");
    return sb.append(listing(all)).toString();
  }

  /** The failure text for statements slower than {@code limitNanos}. */
  public static String slowFailure(String budget, List<SlowQuery> slow) {
    return budget + ": " + slow.size() + (slow.size() == 1 ? " statement was" : " statements were") + " slower\n" + listing(slow);
  }

  /** Numbered statements: time, fingerprint-free SQL as run, call site, bound values. */
  static String listing(List<SlowQuery> queries) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (SlowQuery q : queries) {
      if (++n > LISTED) {
        sb.append("  ... ").append(queries.size() - LISTED).append(" more\n");
        break;
      }
      sb.append(String.format(Locale.ROOT, "  %2d. %8.2f ms  %s%n      at %s%s%n", n, q.elapsedNanos() / 1e6,
          oneLine(q.sql()), q.callSite(), q.parameters().isEmpty() ? "" : "  " + q.parameters()));
    }
    return sb.toString();
  }

  static String byFingerprint(List<SlowQuery> queries) {
    if (queries.isEmpty()) {
      return "";
    }
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (SlowQuery q : queries) {
      long[] c = counts.computeIfAbsent(q.fingerprint(), k -> new long[2]);
      c[0]++;
      c[1] += q.elapsedNanos();
    }
    StringBuilder sb = new StringBuilder("  by fingerprint:\n");
    counts.forEach((fp, c) -> sb.append(String.format(Locale.ROOT, "  %5d x %8.2f ms  %s%n", c[0], c[1] / 1e6, fp)));
    return sb.toString();
  }

  private static String oneLine(String sql) {
    String s = sql.strip().replaceAll("\\s+", " ");
    return s.length() > 200 ? s.substring(0, 197) + "..." : s;
  }

  /** One fingerprint from one call site. */
  public static final class Group {
    final String fingerprint;
    final String callSite;
    long count;
    long nanos;
    final List<List<String>> values = new ArrayList<>();

    Group(String fingerprint, String callSite) {
      this.fingerprint = fingerprint;
      this.callSite = callSite;
    }

    void add(SlowQuery q) {
      count++;
      nanos += q.elapsedNanos();
      if (values.size() < 5) {
        values.add(q.parameters());
      }
    }

    String sampleValues() {
      return values + (count > values.size() ? " ..." : "");
    }

    /** Executions in the group. */
    public long count() {
      return count;
    }
  }
}
