package dev.hotpath.load.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the YAML reader and Jackson say about a scenario file into one sentence for people,
 * at the right line: SnakeYAML's problem mark rather than where the reader had got to, the key
 * that is wrong rather than a Java type ("weight must be a whole number, was 'abc'", never
 * "Cannot deserialize value of type `java.lang.Integer`").
 */
public final class YamlProblems {
  private static final Pattern MARK = Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+):");

  private YamlProblems() {}

  /** A problem: 1-based line and column (0 when unknown) and what is wrong. */
  public record Problem(int line, int column, String what) {}

  /** The first line whose indentation holds a tab (YAML forbids it; SnakeYAML reports the line before). */
  public static @Nullable Problem tabIndentation(String text) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      int j = 0;
      while (j < l.length() && (l.charAt(j) == ' ' || l.charAt(j) == '\t')) {
        if (l.charAt(j) == '\t') {
          return new Problem(i + 1, j + 1, "a tab in the indentation; YAML indents with spaces only");
        }
        j++;
      }
    }
    return null;
  }

  /** What {@code e}, thrown while binding {@code text}, means. */
  public static Problem describe(JsonProcessingException e, String text) {
    JsonLocation loc = e.getLocation();
    if (e.getProcessor() instanceof JsonParser p && p.currentTokenLocation() != null) {
      loc = p.currentTokenLocation(); // the offending token, not where the reader had got to
    }
    int line = loc == null ? 0 : loc.getLineNr();
    int col = loc == null ? 0 : loc.getColumnNr();
    if (e instanceof UnrecognizedPropertyException u) {
      // the YAML reader reports where it had got to (often the next line): point at the key itself
      List<String> lines = text.lines().toList();
      for (int i = Math.min(line, lines.size()) - 1; i >= 0; i--) {
        int at = lines.get(i).indexOf(u.getPropertyName() + ":");
        if (at >= 0) {
          line = i + 1;
          col = at + 1;
          break;
        }
      }
      return new Problem(line, col, "unknown key '" + u.getPropertyName() + "' (known: "
          + String.join(", ", u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")");
    }
    if (e instanceof MismatchedInputException m && !(m.getCause() instanceof IOException)) {
      if (text.isBlank()) {
        return new Problem(1, 1, "the file is empty; it needs a 'requests' list");
      }
      return new Problem(line, col, mismatch(m));
    }
    String original = String.valueOf(e.getOriginalMessage());
    return syntax(original, line, col);
  }

  /** SnakeYAML's message: its problem, at its problem mark (the last mark), with the context it was in. */
  private static Problem syntax(String original, int line, int col) {
    List<String> lines = original.lines().toList();
    String context = null;
    String problem = null;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      Matcher m = MARK.matcher(l);
      if (m.find()) {
        line = Integer.parseInt(m.group(1));
        col = Integer.parseInt(m.group(2));
      } else if (!l.startsWith("    ") && !l.isBlank()) {
        if (l.startsWith("while ") && problem == null) {
          context = l;
        } else {
          problem = l;
        }
      }
    }
    String what = problem == null ? (context == null ? "not valid YAML" : context) : problem;
    if (what.contains("\\t(TAB)")) {
      what = "a tab in the indentation; YAML indents with spaces only";
    } else if (context != null && problem != null) {
      what = problem + " (" + context + ")";
    }
    return new Problem(line, col, "not valid YAML: " + what);
  }

  private static String mismatch(MismatchedInputException m) {
    String key = path(m.getPath());
    Class<?> type = m.getTargetType();
    String wanted = type == null ? "another kind of value"
        : Number.class.isAssignableFrom(type) || type == int.class ? "a whole number"
        : List.class.isAssignableFrom(type) ? "a list, e.g. [200, 201]"
        : Map.class.isAssignableFrom(type) ? "a map, e.g. {Content-Type: application/json}"
        : type == String.class ? "text"
        : "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    String was = m instanceof InvalidFormatException f && f.getValue() != null ? ", was '" + f.getValue() + "'" : "";
    return (key.isEmpty() ? "the file" : key) + " must be " + wanted + was;
  }

  /** {@code requests[0].weight}. */
  public static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /**
   * The line of each key of a well-formed document, by JSON pointer ({@code /requests/0/url}), and
   * of each list element ({@code /requests/0}: the line of its first key). Empty if it does not parse.
   */
  public static Map<String, Integer> keyLines(String text) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          String pointer = p.getParsingContext().pathAsPointer().toString();
          int line = p.currentTokenLocation().getLineNr();
          lines.putIfAbsent(pointer, line);
          int slash = pointer.lastIndexOf('/');
          if (slash > 0) {
            lines.putIfAbsent(pointer.substring(0, slash), line);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return lines;
  }
}
