package dev.hotpath.spring;

import dev.hotpath.db.QueryDigest;
import dev.hotpath.db.QueryInspector;
import dev.hotpath.db.QueryStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The query inspector's digest as an Actuator endpoint, like pt-query-digest's profile: {@code GET
 * /actuator/querydigest} lists every SQL fingerprint, heaviest total time first, with count,
 * total/mean/p95/max milliseconds and rows; {@code DELETE} starts the statistics afresh.
 *
 * <p>Read-only access by default (the reset needs {@code
 * management.endpoint.querydigest.access=unrestricted}), exposed only where the application
 * exposes it ({@code management.endpoints.web.exposure.include=querydigest}); fingerprints carry no
 * literal values.
 * Thread-safe.
 */
@Endpoint(id = "querydigest", defaultAccess = Access.READ_ONLY)
public class QueryDigestEndpoint {
  private final QueryInspector inspector;

  /** The digest of {@code inspector}. */
  public QueryDigestEndpoint(QueryInspector inspector) {
    this.inspector = Objects.requireNonNull(inspector, "inspector");
  }

  /** Every fingerprint, heaviest total time first. */
  @ReadOperation
  public Map<String, Object> digest() {
    QueryDigest digest = inspector.digest();
    List<Map<String, Object>> queries = digest.queries().stream().map(QueryDigestEndpoint::row).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("statements", digest.totalCount());
    body.put("queries", queries);
    return body;
  }

  private static Map<String, Object> row(QueryStats q) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("fingerprint", q.fingerprint());
    row.put("count", q.count());
    row.put("totalMs", q.totalNanos() / 1e6);
    row.put("meanMs", q.meanNanos() / 1e6);
    row.put("p95Ms", q.p95Nanos() / 1e6);
    row.put("maxMs", q.maxNanos() / 1e6);
    row.put("rows", q.rows());
    return row;
  }

  /** Forgets the statistics so far. */
  @DeleteOperation
  public void reset() {
    inspector.reset();
  }
}
