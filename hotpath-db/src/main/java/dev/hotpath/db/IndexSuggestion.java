package dev.hotpath.db;

import java.util.List;
import java.util.Locale;

/**
 * An index to create: the filter's equality columns, then one range column, then the sort columns.
 *
 * @param table the table, as the plan names it
 * @param columns the index's columns in order
 */
public record IndexSuggestion(String table, List<String> columns) {
  /** Copies {@code columns}; needs at least one. */
  public IndexSuggestion {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("an index needs at least one column");
    }
  }

  /** A name for it: {@code idx_<table>_<col1>_<col2>}. */
  public String indexName() {
    String name = ("idx_" + table + "_" + String.join("_", columns)).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return name.length() > 60 ? name.substring(0, 60) : name;
  }

  /** {@code CREATE INDEX idx_t_a_b ON t (a, b)}. */
  public String ddl() {
    return "CREATE INDEX " + indexName() + " ON " + table + " (" + String.join(", ", columns) + ")";
  }
}
