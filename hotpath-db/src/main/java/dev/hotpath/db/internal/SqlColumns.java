package dev.hotpath.db.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls column names out of filter conditions (a plan's {@code Filter} / {@code
 * attached_condition}, or a WHERE clause) and ORDER BY lists, for index suggestions. A heuristic
 * reader, not a SQL parser: it sees {@code col OP value} comparisons.
 */
public final class SqlColumns {
  private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
  private static final Pattern COMPARISON =
      Pattern.compile(
          "(?<![:\\w.])(?:[A-Za-z_][A-Za-z0-9_]*\\.)?\"?([A-Za-z_][A-Za-z0-9_]*)\"?\\)?(?:::[a-z ]+?)?\\s*"
              + "(=|<>|!=|<=|>=|<|>|~~\\*?|!~~|\\blike\\b|\\bbetween\\b|\\bin\\b)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ORDER_BY =
      Pattern.compile("\\border\\s+by\\s+(.+?)(?:\\blimit\\b|\\boffset\\b|\\bfetch\\b|;|$)",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern COMMA = Pattern.compile(",");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Set<String> NOT_COLUMNS =
      Set.of("and", "or", "not", "null", "true", "false", "text", "integer", "bigint", "numeric",
          "varchar", "character", "varying", "date", "timestamp", "any", "array", "select", "where");

  private SqlColumns() {}

  /** Columns compared in {@code condition}: those with {@code =} / {@code IN} first, then ranges. */
  public static List<String> filterColumns(String condition) {
    String text = STRING.matcher(condition).replaceAll("''");
    Set<String> equality = new LinkedHashSet<>();
    Set<String> range = new LinkedHashSet<>();
    Matcher m = COMPARISON.matcher(text);
    while (m.find()) {
      String column = m.group(1).toLowerCase(Locale.ROOT);
      if (NOT_COLUMNS.contains(column)) {
        continue;
      }
      String op = m.group(2).toLowerCase(Locale.ROOT);
      if (op.equals("=") || op.equals("in")) {
        equality.add(column);
      } else if (!op.equals("<>") && !op.equals("!=") && !op.equals("!~~")) {
        range.add(column);
      }
    }
    range.removeAll(equality);
    List<String> out = new ArrayList<>(equality);
    out.addAll(range);
    return out;
  }

  /** Whether {@code condition} has any equality ({@code =} or {@code IN}) comparison. */
  public static boolean hasEquality(String condition) {
    String text = STRING.matcher(condition).replaceAll("''");
    Matcher m = COMPARISON.matcher(text);
    while (m.find()) {
      String op = m.group(2).toLowerCase(Locale.ROOT);
      if ((op.equals("=") || op.equals("in")) && !NOT_COLUMNS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** The columns of the statement's last ORDER BY, without table prefixes or ASC/DESC. */
  public static List<String> orderByColumns(String sql) {
    Matcher m = ORDER_BY.matcher(sql);
    String list = null;
    while (m.find()) {
      list = m.group(1);
    }
    List<String> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    for (String part : COMMA.splitAsStream(list).toList()) {
      String p = WHITESPACE.splitAsStream(part.trim()).findFirst().orElse("");
      p = p.substring(p.lastIndexOf('.') + 1).replace("\"", "").replace("`", "");
      if (p.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        out.add(p.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }
}
