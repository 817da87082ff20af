package dev.hotpath.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.db.internal.SqlColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads a statement's execution plan and says what is wrong with it, like Dexter: a sequential or
 * full scan of a large table under a selective filter (with the index to create: the filter's
 * equality columns, then a range column, then the sort columns), a leading-wildcard {@code LIKE},
 * {@code SELECT *}, a large result without {@code LIMIT}, sorts at query time and temporary
 * tables. {@link #verify} then checks that the suggested index really lowers the plan cost.
 *
 * <p>PostgreSQL: {@code EXPLAIN (FORMAT JSON)}; with {@link ExplainConfig#analyze()} {@code EXPLAIN
 * (ANALYZE, FORMAT JSON)} inside a transaction that is rolled back. MariaDB/MySQL: {@code EXPLAIN
 * FORMAT=JSON} and {@code Last_query_cost}. H2: {@code EXPLAIN} text (no cost).
 *
 * <p>Thread-safe (stateless); the connection passed in is used by the calling thread only and is
 * left in the auto-commit mode it had.
 *
 * <pre>{@code
 * ExplainAdvisor advisor = ExplainAdvisor.create(ExplainConfig.ofDefaults());
 * try (Connection c = ds.getConnection()) {
 *   ExplainAdvice advice = advisor.advise(c, "select * from users where email = ?", "a@b.c");
 *   advice.findings().forEach(System.out::println);
 *   advice.suggestedIndex().ifPresent(ix -> System.out.println(advisor.verify(c, advice, ix)));
 * }
 * }</pre>
 */
public final class ExplainAdvisor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SELECT_STAR =
      Pattern.compile("^\\s*(?:with\\b.*?\\)\\s*)?select\\s+(?:distinct\\s+)?(?:[a-z_][a-z0-9_]*\\.)?\\*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern LEADING_WILDCARD =
      Pattern.compile("\\blike\\s+'%|~~\\*? '%", Pattern.CASE_INSENSITIVE);
  private static final Pattern LIKE_PARAM = Pattern.compile("\\blike\\s+\\?", Pattern.CASE_INSENSITIVE);
  private static final Pattern HAS_LIMIT =
      Pattern.compile("\\blimit\\b|\\bfetch\\s+(first|next)\\b|\\btop\\s+\\d", Pattern.CASE_INSENSITIVE);

  /** A select list of aggregates only ({@code count(*)}, {@code max(x) as m}): one row without GROUP BY. */
  private static final Pattern AGGREGATES_ONLY =
      Pattern.compile("^\\s*select\\s+(?:(?:count|sum|min|max|avg)\\s*\\([^()]*\\)(?:\\s+as\\s+\\w+)?\\s*,?\\s*)+from\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern GROUP_BY = Pattern.compile("\\bgroup\\s+by\\b", Pattern.CASE_INSENSITIVE);

  private final ExplainConfig config;

  private ExplainAdvisor(ExplainConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** An advisor with {@code config}. */
  public static ExplainAdvisor create(ExplainConfig config) {
    return new ExplainAdvisor(config);
  }

  /** Explains {@code sql} (bound with {@code params}) on {@code connection} and reads the plan. */
  public ExplainAdvice advise(Connection connection, String sql, Object... params) throws SQLException {
    Dialect dialect = Dialect.of(connection);
    List<Finding> findings = new ArrayList<>(); // plan findings first, then those read from the text
    List<Finding> fromText = new ArrayList<>();
    textFindings(sql, params, fromText);
    ExplainAdvice planned =
        switch (dialect) {
          case POSTGRESQL -> advisePostgres(connection, sql, params, findings);
          case MARIADB -> adviseMariaDb(connection, sql, params, findings);
          case H2 -> adviseH2(connection, sql, params, findings);
        };
    findings.addAll(fromText);
    return new ExplainAdvice(planned.dialect(), sql, planned.cost(), planned.plan(), findings);
  }

  /**
   * The plan cost of {@code advice}'s statement without and with {@code index}. PostgreSQL: a
   * hypothetical index when the HypoPG extension is installed, otherwise a real {@code CREATE
   * INDEX} inside a transaction that is rolled back (it takes a lock that blocks writes to the
   * table meanwhile). MariaDB: only with {@link ExplainConfig#allowRealIndexOnMariaDb()}, a real
   * index created and dropped.
   */
  public IndexVerification verify(Connection connection, ExplainAdvice advice, IndexSuggestion index, Object... params)
      throws SQLException {
    String sql = advice.sql();
    return switch (advice.dialect()) {
      case POSTGRESQL -> {
        if (hasHypoPg(connection)) {
          double after = inTransaction(connection, c -> {
            try (PreparedStatement ps = c.prepareStatement("select * from hypopg_create_index(?)")) {
              ps.setString(1, "CREATE INDEX ON " + index.table() + " (" + String.join(", ", index.columns()) + ")");
              ps.executeQuery().close();
            }
            return postgresCost(c, sql, params);
          });
          yield new IndexVerification(index, advice.cost(), after, "hypopg");
        }
        double after = inTransaction(connection, c -> {
          try (Statement s = c.createStatement()) {
            s.execute(index.ddl());
          }
          return postgresCost(c, sql, params);
        });
        yield new IndexVerification(index, advice.cost(), after, "rolled-back transaction");
      }
      case MARIADB -> {
        if (!config.allowRealIndexOnMariaDb()) {
          throw new SQLException("MariaDB cannot roll back CREATE INDEX; enable"
              + " ExplainConfig.builder().allowRealIndexOnMariaDb(true) to create and drop it for real, on a copy of production");
        }
        try (Statement s = connection.createStatement()) {
          s.execute(index.ddl());
          try {
            double after = mariaDbExplain(connection, sql, params).cost;
            yield new IndexVerification(index, advice.cost(), after, "created and dropped");
          } finally {
            s.execute("DROP INDEX " + index.indexName() + " ON " + index.table());
          }
        }
      }
      case H2 -> throw new SQLException("H2 plans carry no cost; verify on PostgreSQL or MariaDB");
    };
  }

  // ---------------------------------------------------------------- PostgreSQL

  private ExplainAdvice advisePostgres(Connection c, String sql, Object[] params, List<Finding> findings)
      throws SQLException {
    String options = config.analyze() ? "ANALYZE, BUFFERS, FORMAT JSON" : "FORMAT JSON";
    String json = config.analyze()
        ? inTransaction(c, tx -> explainText(tx, "EXPLAIN (" + options + ") " + sql, params))
        : explainText(c, "EXPLAIN (" + options + ") " + sql, params);
    JsonNode root = parse(json).get(0);
    JsonNode plan = root.path("Plan");
    double cost = plan.path("Total Cost").asDouble(Double.NaN);
    List<String> orderBy = SqlColumns.orderByColumns(sql);
    walk(plan, "Plans", node -> {
      String type = node.path("Node Type").asText();
      if (type.equals("Seq Scan")) {
        postgresSeqScan(c, node, orderBy, findings);
      } else if (type.equals("Sort") || type.equals("Incremental Sort")) {
        double rows = rows(node);
        if (rows >= config.largeResultRows()) {
          findings.add(new Finding(FindingKind.FILESORT, String.format(Locale.ROOT,
              "sorts %.0f rows at query time by %s; an index in that order returns them sorted", rows,
              node.path("Sort Key")), null));
        }
        if ("Disk".equals(node.path("Sort Space Type").asText())) {
          findings.add(new Finding(FindingKind.TEMPORARY_TABLE, "sort spilled to disk ("
              + node.path("Sort Space Used").asText() + " kB); raise work_mem or avoid the sort", null));
        }
      } else if (node.path("Disk Usage").asLong(0) > 0 || node.path("Temp Written Blocks").asLong(0) > 0) {
        findings.add(new Finding(FindingKind.TEMPORARY_TABLE, type + " wrote temporary files", null));
      }
    });
    largeResult(sql, rows(plan), findings);
    return new ExplainAdvice(Dialect.POSTGRESQL, sql, cost, json, findings);
  }

  private void postgresSeqScan(Connection c, JsonNode node, List<String> orderBy, List<Finding> findings) {
    String filter = node.path("Filter").asText("");
    String relation = node.path("Relation Name").asText();
    if (filter.isEmpty() || relation.isEmpty()) {
      return;
    }
    String schema = node.path("Schema").asText("");
    String table = schema.isEmpty() || schema.equals("public") ? relation : schema + "." + relation;
    double tableRows = postgresTableRows(c, table);
    double kept;
    if (node.has("Actual Rows")) { // ANALYZE: real counts
      double loops = Math.max(1, node.path("Actual Loops").asDouble(1));
      kept = node.path("Actual Rows").asDouble() * loops;
      tableRows = Math.max(tableRows, kept + node.path("Rows Removed by Filter").asDouble() * loops);
    } else {
      // a parallel scan's Plan Rows is per process: ~2.4 processes for 2 workers and the leader
      double workers = node.path("Parallel Aware").asBoolean(false) ? 2.4 : 1;
      kept = node.path("Plan Rows").asDouble() * workers;
    }
    if (tableRows >= config.largeTableRows() && kept <= tableRows * config.selectiveFraction()) {
      findings.add(fullScan(table, tableRows, kept, filter, orderBy));
    }
  }

  /**
   * The table's row count as the planner knows it: {@code pg_class.reltuples}, or, for a table that
   * was never analysed or vacuumed ({@code reltuples = -1}), the planner's own estimate for a scan of
   * the whole table (from its size on disk), which is what the plan in hand was costed with.
   */
  private static double postgresTableRows(Connection c, String table) {
    try (PreparedStatement ps = c.prepareStatement(
        "select reltuples, oid::regclass::text from pg_class where oid = to_regclass(?)")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return 0;
        }
        double reltuples = rs.getDouble(1);
        if (reltuples >= 0) {
          return reltuples;
        }
        String quoted = rs.getString(2); // regclass output: quoted as needed
        try (Statement s = c.createStatement();
            ResultSet plan = s.executeQuery("EXPLAIN (FORMAT JSON) select 1 from " + quoted)) {
          return plan.next() ? parse(plan.getString(1)).get(0).path("Plan").path("Plan Rows").asDouble(0) : 0;
        }
      }
    } catch (SQLException e) {
      return 0;
    }
  }

  private static boolean hasHypoPg(Connection c) {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1 from pg_extension where extname = 'hypopg'")) {
      return rs.next();
    } catch (SQLException e) {
      return false;
    }
  }

  private static double postgresCost(Connection c, String sql, Object[] params) throws SQLException {
    return parse(explainText(c, "EXPLAIN (FORMAT JSON) " + sql, params)).get(0).path("Plan").path("Total Cost").asDouble(Double.NaN);
  }

  // ---------------------------------------------------------------- MariaDB / MySQL

  private record MariaPlan(String json, double cost) {}

  private ExplainAdvice adviseMariaDb(Connection c, String sql, Object[] params, List<Finding> findings)
      throws SQLException {
    MariaPlan mp;
    if (config.analyze()) {
      mp = inTransaction(c, tx -> new MariaPlan(explainText(tx, "ANALYZE FORMAT=JSON " + sql, params), lastQueryCost(tx)));
    } else {
      mp = mariaDbExplain(c, sql, params);
    }
    JsonNode root = parse(mp.json);
    List<String> orderBy = SqlColumns.orderByColumns(sql);
    double[] resultRows = {0};
    walkAll(root, (key, node) -> {
      switch (key) {
        case "table" -> {
          String access = node.path("access_type").asText();
          String table = node.path("table_name").asText();
          double rows = node.path("rows").asDouble();
          double filtered = node.path("filtered").asDouble(100) / 100;
          String condition = node.path("attached_condition").asText("");
          if (node.has("r_rows")) { // ANALYZE: real counts
            rows = Math.max(rows, node.path("r_rows").asDouble());
            filtered = node.path("r_filtered").asDouble(100) / 100;
          }
          boolean fullScan = access.equals("ALL") || access.equals("index");
          // Without histograms MariaDB reports filtered=100 for unindexed columns: an equality
          // comparison is then presumed selective, and how many rows it keeps is unknown (a
          // lookup by a unique value keeps one), so it is not counted as a large result either.
          boolean unknownSelectivity =
              filtered >= 0.999 && !node.has("r_rows") && SqlColumns.hasEquality(condition);
          if (!unknownSelectivity) {
            resultRows[0] = Math.max(resultRows[0], rows * filtered);
          }
          boolean selective = filtered <= config.selectiveFraction() || unknownSelectivity;
          if (fullScan && !condition.isEmpty() && rows >= config.largeTableRows() && selective) {
            findings.add(fullScan(table, rows, unknownSelectivity ? Double.NaN : rows * filtered, condition, orderBy));
          }
        }
        case "filesort" -> findings.add(new Finding(FindingKind.FILESORT,
            "filesort by " + node.path("sort_key").asText("?") + "; an index in that order avoids it", null));
        case "temporary_table" -> findings.add(new Finding(FindingKind.TEMPORARY_TABLE,
            "uses a temporary table (GROUP BY / DISTINCT / ORDER BY on another table's columns)", null));
        default -> { }
      }
    });
    largeResult(sql, resultRows[0], findings);
    return new ExplainAdvice(Dialect.MARIADB, sql, mp.cost, mp.json, findings);
  }

  private static MariaPlan mariaDbExplain(Connection c, String sql, Object[] params) throws SQLException {
    String json = explainText(c, "EXPLAIN FORMAT=JSON " + sql, params);
    return new MariaPlan(json, lastQueryCost(c));
  }

  private static double lastQueryCost(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Last_query_cost'")) {
      return rs.next() ? rs.getDouble(2) : Double.NaN;
    }
  }

  // ---------------------------------------------------------------- H2

  private ExplainAdvice adviseH2(Connection c, String sql, Object[] params, List<Finding> findings)
      throws SQLException {
    String plan = explainText(c, "EXPLAIN " + sql, params);
    var m = Pattern.compile("/\\* ([A-Za-z0-9_]+)\\.([A-Za-z0-9_]+)\\.tableScan \\*/").matcher(plan);
    int where = plan.toUpperCase(Locale.ROOT).indexOf("WHERE");
    while (m.find() && where > 0) {
      String table = m.group(2);
      double rows = h2Rows(c, m.group(1), table);
      if (rows >= config.largeTableRows()) {
        findings.add(fullScan(table.toLowerCase(Locale.ROOT), rows, Double.NaN, plan.substring(where), SqlColumns.orderByColumns(sql)));
      }
    }
    return new ExplainAdvice(Dialect.H2, sql, Double.NaN, plan, findings);
  }

  private static double h2Rows(Connection c, String schema, String table) {
    try (PreparedStatement ps = c.prepareStatement(
        "select row_count_estimate from information_schema.tables where table_schema = ? and table_name = ?")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getDouble(1) : 0;
      }
    } catch (SQLException e) {
      return 0;
    }
  }

  // ---------------------------------------------------------------- shared

  private Finding fullScan(String table, double tableRows, double kept, String condition, List<String> orderBy) {
    List<String> columns = new ArrayList<>(SqlColumns.filterColumns(condition));
    boolean hasRange = columns.size() > 0 && !SqlColumns.hasEquality(condition);
    if (!hasRange) {
      for (String col : orderBy) { // sort columns after equality columns: rows come out sorted
        if (!columns.contains(col)) {
          columns.add(col);
        }
      }
    }
    IndexSuggestion index = columns.isEmpty() ? null : new IndexSuggestion(table, columns);
    String keptText = Double.isNaN(kept) ? "" : String.format(Locale.ROOT, " to keep ~%.0f", kept);
    String message = String.format(Locale.ROOT,
        "full scan of %s (%.0f rows)%s under filter %s; index the filter's columns", table, tableRows, keptText, condition);
    return new Finding(FindingKind.FULL_SCAN_SELECTIVE_FILTER, message, index);
  }

  private void largeResult(String sql, double rows, List<Finding> findings) {
    if (rows >= config.largeResultRows() && !HAS_LIMIT.matcher(sql).find()
        && !(AGGREGATES_ONLY.matcher(sql).find() && !GROUP_BY.matcher(sql).find())
        && sql.trim().toLowerCase(Locale.ROOT).matches("(?s)^(select|with)\\b.*")) {
      findings.add(new Finding(FindingKind.NO_LIMIT_LARGE_RESULT, String.format(Locale.ROOT,
          "returns ~%.0f rows without LIMIT; page with LIMIT and a keyset (WHERE id > ?)", rows), null));
    }
  }

  private static void textFindings(String sql, Object[] params, List<Finding> findings) {
    boolean wildcard = LEADING_WILDCARD.matcher(sql).find();
    if (!wildcard && LIKE_PARAM.matcher(sql).find()) {
      for (Object p : params) {
        if (p instanceof String s && s.startsWith("%")) {
          wildcard = true;
        }
      }
    }
    if (wildcard) {
      findings.add(new Finding(FindingKind.LEADING_WILDCARD_LIKE,
          "LIKE with a leading % cannot use a B-tree index; anchor the pattern ('abc%'), or use a"
              + " trigram (pg_trgm) or full-text index", null));
    }
    if (SELECT_STAR.matcher(sql).find()) {
      findings.add(new Finding(FindingKind.SELECT_STAR,
          "SELECT * fetches every column and defeats covering indexes; name the columns you use", null));
    }
  }

  private static double rows(JsonNode node) {
    return node.has("Actual Rows") ? node.path("Actual Rows").asDouble() : node.path("Plan Rows").asDouble();
  }

  private static void walk(JsonNode node, String children, Consumer<JsonNode> visitor) {
    visitor.accept(node);
    for (JsonNode child : node.path(children)) {
      walk(child, children, visitor);
    }
  }

  private interface KeyVisitor {
    void visit(String key, JsonNode value);
  }

  private static void walkAll(JsonNode node, KeyVisitor visitor) {
    if (node.isObject()) {
      node.properties().forEach(e -> {
        visitor.visit(e.getKey(), e.getValue());
        walkAll(e.getValue(), visitor);
      });
    } else if (node.isArray()) {
      node.forEach(child -> walkAll(child, visitor));
    }
  }

  private static String explainText(Connection c, String explainSql, Object[] params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(explainSql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      StringBuilder sb = new StringBuilder();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (sb.length() > 0) {
            sb.append('\n');
          }
          sb.append(rs.getString(1));
        }
      }
      return sb.toString();
    }
  }

  private static JsonNode parse(String json) throws SQLException {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new SQLException("could not read the plan as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private interface TxWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} in a transaction that is always rolled back, restoring auto-commit. */
  private static <T> T inTransaction(Connection c, TxWork<T> work) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      return work.run(c);
    } finally {
      try {
        c.rollback();
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  @Override
  public String toString() {
    return "ExplainAdvisor" + config;
  }
}
