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
        if (!endsTight(out)) {
          out.append(' ');
        }
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
        i = skipNumber(sql, i);
        out.append('?');
      } else if ((c == '-' || c == '+') && signsANumber(sql, i, out)) {
        i = skipNumber(sql, skipWhitespace(sql, i + 1)); // -1 and - 1 are one literal
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
      } else if (isOperator(c)) {
        // a=1, a = 1 and a= 1 read alike: every operator gets one space on each side, except
        // where it is tight by nature: count(*), t.*
        if (out.length() > 0 && !endsTight(out) && out.charAt(out.length() - 1) != ' ') {
          out.append(' ');
        }
        int start = i;
        i++;
        while (i < n && isOperator(sql.charAt(i)) && !startsComment(sql, i)
            && !((sql.charAt(i) == '-' || sql.charAt(i) == '+') && digitFollows(sql, i + 1))) {
          i++;
        }
        out.append(sql, start, i);
        pendingSpace = true;
      } else if (c == '.' || (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':')) {
        // qualified names (t.id) and casts (id::text) stay tight whatever the spacing
        trimTrailingSpace(out);
        int len = c == '.' ? 1 : 2;
        out.append(sql, i, i + len);
        i += len;
      } else {
        if (c == ',' || c == ')') {
          trimTrailingSpace(out);
        }
        out.append(c);
        if (c == ',') {
          pendingSpace = true; // "a,b" and "a , b" read alike
        }
        i++;
      }
    }
    String s = out.toString();
    s = IN_LIST.matcher(s).replaceAll("in (?+)");
    s = VALUES_ROWS.matcher(s).replaceAll("values ($1)");
    return s.endsWith(";") ? s.substring(0, s.length() - 1).stripTrailing() : s;
  }

  private static boolean isOperator(char c) {
    return "=<>!+-*/%|&^~".indexOf(c) >= 0;
  }

  /** Whether the output's end forbids a space after it: an opening parenthesis, a dot, a cast. */
  private static boolean endsTight(StringBuilder out) {
    int n = out.length();
    if (n == 0) {
      return true;
    }
    char last = out.charAt(n - 1);
    return last == '(' || last == '.' || (last == ':' && n > 1 && out.charAt(n - 2) == ':');
  }

  private static void trimTrailingSpace(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
      out.setLength(out.length() - 1);
    }
  }

  private static boolean startsComment(String sql, int i) {
    return i + 1 < sql.length()
        && ((sql.charAt(i) == '-' && sql.charAt(i + 1) == '-') || (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*'));
  }

  private static int skipWhitespace(String sql, int i) {
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean digitFollows(String sql, int i) {
    int j = skipWhitespace(sql, i);
    return j < sql.length() && Character.isDigit(sql.charAt(j));
  }

  /**
   * Whether the sign at {@code i} belongs to a number: a digit follows, and what came before is no
   * operand (the start, an operator, an opening parenthesis or a comma), so {@code x-1} stays a
   * subtraction while {@code x = -1} and {@code x=-1} are one literal.
   */
  private static boolean signsANumber(String sql, int i, StringBuilder out) {
    if (startsComment(sql, i) || !digitFollows(sql, i + 1)) {
      return false;
    }
    int k = out.length() - 1;
    while (k >= 0 && out.charAt(k) == ' ') {
      k--;
    }
    if (k < 0) {
      return true;
    }
    char prev = out.charAt(k);
    return isOperator(prev) || prev == '(' || prev == ',';
  }

  /** Skips a numeric literal at {@code i}: 12, 1.5, 1e10, 1.5e-3, 0x1F. */
  private static int skipNumber(String sql, int i) {
    int n = sql.length();
    boolean hex = i + 1 < n && sql.charAt(i) == '0' && (sql.charAt(i + 1) == 'x' || sql.charAt(i + 1) == 'X');
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '.') {
        i++;
      } else if ((c == '-' || c == '+') && !hex && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')
          && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        i++; // an exponent's sign
      } else {
        break;
      }
    }
    return i;
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
