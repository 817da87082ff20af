package dev.hotpath.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable snapshot of a {@link QueryInspector}'s per-fingerprint statistics, heaviest total
 * time first, like pt-query-digest's profile. Printable as a table and as JSON.
 *
 * <pre>{@code
 * System.out.println(inspector.digest().toText());
 * Files.writeString(Path.of("digest.json"), inspector.digest().toJson());
 * }</pre>
 */
public final class QueryDigest {
  /** The fingerprint under which statements beyond {@link InspectorConfig#maxFingerprints()} go. */
  public static final String OTHER = "<other fingerprints>";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<QueryStats> queries;

  /** A digest of {@code queries}, sorted by total time, heaviest first. */
  public QueryDigest(List<QueryStats> queries) {
    this.queries =
        queries.stream()
            .sorted(Comparator.comparingLong(QueryStats::totalNanos).reversed())
            .toList();
  }

  /** Every fingerprint, heaviest total time first. */
  public List<QueryStats> queries() {
    return queries;
  }

  /** The stats of {@code fingerprint}, or all-zero stats if it was never seen. */
  public QueryStats get(String fingerprint) {
    for (QueryStats q : queries) {
      if (q.fingerprint().equals(fingerprint)) {
        return q;
      }
    }
    return new QueryStats(fingerprint, 0, 0, 0, 0, 0);
  }

  /** Executions over all fingerprints. */
  public long totalCount() {
    return queries.stream().mapToLong(QueryStats::count).sum();
  }

  /** A fixed-width table: count, total/mean/p95/max milliseconds, rows, fingerprint. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%8s %10s %9s %9s %9s %10s  %s%n", "count", "total ms", "mean ms", "p95 ms", "max ms", "rows", "fingerprint"));
    for (QueryStats q : queries) {
      sb.append(q).append(System.lineSeparator());
    }
    return sb.toString();
  }

  /** {@code {"queries":[{"fingerprint":..., "count":..., "totalMs":..., ...}]}}. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("queries");
    for (QueryStats q : queries) {
      array
          .addObject()
          .put("fingerprint", q.fingerprint())
          .put("count", q.count())
          .put("totalMs", q.totalNanos() / 1e6)
          .put("meanMs", q.meanNanos() / 1e6)
          .put("p95Ms", q.p95Nanos() / 1e6)
          .put("maxMs", q.maxNanos() / 1e6)
          .put("rows", q.rows());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return toText();
  }
}
