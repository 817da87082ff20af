package dev.hotpath.db;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The normalised shape of a SQL statement, so that executions differing only in their values are
 * counted together (as pt-query-digest and {@code pg_stat_statements} do): comments dropped,
 * whitespace collapsed, everything outside quoted identifiers lower-cased, string, numeric and
 * {@code $n} literals replaced by {@code ?}, and {@code IN (...)} lists and multi-row
 * {@code VALUES} folded to one element.
 *
 * <p>Guarantees: two statements that differ only in literal values, the length of an IN-list, the
 * number of VALUES rows, comments, letter case or whitespace have the same fingerprint. Pure
 * function; thread-safe.
 *
 * <pre>{@code
 * SqlFingerprint.of("SELECT * FROM t WHERE id IN (1, 2, 3) AND name = 'x'")
 *     // -> "select * from t where id in (?+) and name = ?"
 * }</pre>
 */
public final class SqlFingerprint {
  private static final Pattern IN_LIST =
      Pattern.compile("\\bin ?\\(\\?(?:, \\?)*\\)");
  private static final Pattern VALUES_ROWS =
      Pattern.compile("\\bvalues \\((\\?(?:, \\?)*)\\)(?:, \\(\\?(?:, \\?)*\\))+");

  private SqlFingerprint() {}

  /** Returns the fingerprint of {@code sql}. */
  public static String of(String sql) {
    Objects.requireNonNull(sql, "sql");
    StringBuilder out = new StringBuilder(sql.length());
    int n = sql.length();
    int i = 0;
    boolean pendingSpace = false;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        pendingSpace = out.length() > 0;
        i++;
        continue;
      }
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') { // line comment
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
        pendingSpace = out.length() > 0;
        continue;
      }
      if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') { // block comment
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        pendingSpace = out.length() > 0;
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      if (c == '\'') { // string literal, '' escapes a quote
        i = skipQuoted(sql, i, '\'');
        out.append('?');
      } else if (c == '"' || c == '`') { // quoted identifier: kept verbatim
        int end = skipQuoted(sql, i, c);
        out.append(sql, i, end);
        i = end;
      } else if (Character.isDigit(c) && !identifierPart(out)) {
        i++;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++; // 12, 1.5, 1e10, 0x1F
        }
        out.append('?');
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        i++;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
        out.append('?');
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        out.append(sql.substring(start, i).toLowerCase(Locale.ROOT));
      } else {
        if ((c == ',' || c == ')') && out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
          out.setLength(out.length() - 1);
        }
        out.append(c);
        if (c == ',') {
          pendingSpace = true; // "a,b" and "a , b" read alike
        }
        if (c == '(') {
          pendingSpace = false;
          while (i + 1 < n && Character.isWhitespace(sql.charAt(i + 1))) {
            i++;
          }
        }
        i++;
      }
    }
    String s = out.toString();
    s = IN_LIST.matcher(s).replaceAll("in (?+)");
    s = VALUES_ROWS.matcher(s).replaceAll("values ($1)");
    return s.endsWith(";") ? s.substring(0, s.length() - 1).stripTrailing() : s;
  }

  private static boolean identifierPart(StringBuilder out) {
    if (out.length() == 0) {
      return false;
    }
    char p = out.charAt(out.length() - 1);
    return Character.isLetterOrDigit(p) || p == '_' || p == '$';
  }

  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\\' && quote == '\'' && i + 1 < n) { // MySQL/MariaDB backslash escapes
        i += 2;
        continue;
      }
      if (c == quote) {
        if (i + 1 < n && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return n;
  }
}
