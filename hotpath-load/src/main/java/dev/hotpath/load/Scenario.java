package dev.hotpath.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hotpath.load.internal.ScenarioCsv;
import dev.hotpath.load.internal.ScenarioDoc;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The requests of a run: one or several weighted {@link RequestSpec}s against one host, plus the
 * values of an optional CSV file for {@code ${csv:column}} templates.
 *
 * <p>YAML form (see docs/load.md):
 *
 * <pre>{@code
 * baseUrl: http://127.0.0.1:8080
 * csv: users.csv              # optional, first line = column names
 * requests:
 *   - name: get user
 *     url: /users/${random:1:1000}
 *     weight: 3
 *   - name: create order
 *     method: POST
 *     url: /orders
 *     headers: {Content-Type: application/json}
 *     body: '{"user":"${csv:email}","id":"${uuid}"}'
 *     expect: [201]
 * }</pre>
 *
 * <p>Thread-safe: immutable.
 */
public final class Scenario {
  private final List<RequestSpec> requests;
  private final List<String> csvColumns;
  private final List<List<String>> csvRows;
  private final String source;

  private Scenario(List<RequestSpec> requests, List<String> csvColumns, List<List<String>> csvRows, String source) {
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs at least one request");
    }
    this.requests = List.copyOf(requests);
    this.csvColumns = List.copyOf(csvColumns);
    this.csvRows = csvRows.stream().map(List::copyOf).toList();
    this.source = source;
    URI first = requests.get(0).uri();
    for (RequestSpec r : requests) {
      URI u = r.uri();
      if (!Objects.equals(u.getScheme(), first.getScheme()) || !Objects.equals(u.getHost(), first.getHost())
          || u.getPort() != first.getPort()) {
        throw new IllegalArgumentException("all requests of a scenario must go to one scheme://host:port; '"
            + r.url() + "' differs from '" + requests.get(0).url() + "'");
      }
    }
    if (requests.stream().map(RequestSpec::name).distinct().count() != requests.size()) {
      throw new IllegalArgumentException("request names in a scenario must be unique");
    }
  }

  /** A scenario of the given requests, without CSV values. */
  public static Scenario of(RequestSpec... requests) {
    return new Scenario(List.of(requests), List.of(), List.of(), requests.length == 0 ? "" : requests[0].url());
  }

  /** A scenario of the given requests with CSV values (columns, then rows of the same width). */
  public static Scenario of(List<RequestSpec> requests, List<String> csvColumns, List<List<String>> csvRows, String source) {
    return new Scenario(requests, csvColumns, csvRows, source);
  }

  /**
   * Reads a YAML scenario.
   *
   * @throws ScenarioException naming the file and, for syntax and schema errors, line and column
   */
  public static Scenario fromYaml(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScenarioException("cannot read scenario " + file + ": " + e, 0, 0, e);
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    ScenarioDoc doc;
    try {
      doc = yaml.readValue(text, ScenarioDoc.class);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      if (e.getProcessor() instanceof JsonParser p && p.currentTokenLocation() != null) {
        loc = p.currentTokenLocation(); // the offending token, not where the reader had got to
      }
      int line = loc == null ? 0 : loc.getLineNr();
      int col = loc == null ? 0 : loc.getColumnNr();
      String what = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
      if (e instanceof UnrecognizedPropertyException u) {
        what = "unknown key '" + u.getPropertyName() + "' (known: " + u.getKnownPropertyIds() + ")";
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
      }
      throw new ScenarioException("scenario " + file + " line " + line + ", column " + col + ": " + what, line, col, e);
    }
    if (doc == null || doc.requests() == null || doc.requests().isEmpty()) {
      throw new ScenarioException("scenario " + file + ": needs a non-empty 'requests' list", 1, 1, null);
    }
    List<RequestSpec> specs = new ArrayList<>();
    int i = 0;
    for (ScenarioDoc.RequestDoc r : doc.requests()) {
      String where = "scenario " + file + " requests[" + i++ + "]";
      if (r == null || r.url() == null) {
        throw new ScenarioException(where + ": needs a 'url'", 0, 0, null);
      }
      String url = r.url();
      if (url.startsWith("/")) {
        if (doc.baseUrl() == null) {
          throw new ScenarioException(where + ": url '" + url + "' is relative but there is no 'baseUrl'", 0, 0, null);
        }
        url = stripSlash(doc.baseUrl()) + url;
      }
      try {
        specs.add(new RequestSpec(
            r.name() == null ? "" : r.name(),
            r.method() == null ? "GET" : r.method(),
            url,
            r.headers() == null ? Map.of() : new LinkedHashMap<>(r.headers()),
            r.body() == null ? "" : r.body(),
            r.weight() == null ? 1 : r.weight(),
            r.expect() == null ? java.util.Set.<Integer>of() : new TreeSet<>(r.expect())));
      } catch (IllegalArgumentException e) {
        throw new ScenarioException(where + ": " + e.getMessage(), 0, 0, e);
      }
    }
    List<String> columns = List.of();
    List<List<String>> rows = List.of();
    String csvName = doc.csv();
    if (csvName != null) {
      Path dir = file.toAbsolutePath().getParent();
      Path csv = dir == null ? Path.of(csvName) : dir.resolve(csvName);
      ScenarioCsv data = ScenarioCsv.read(csv);
      columns = data.columns();
      rows = data.rows();
    }
    try {
      return new Scenario(specs, columns, rows, file.toString());
    } catch (IllegalArgumentException e) {
      throw new ScenarioException("scenario " + file + ": " + e.getMessage(), 0, 0, e);
    }
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  public List<RequestSpec> requests() {
    return requests;
  }

  /** CSV column names (empty without CSV). */
  public List<String> csvColumns() {
    return csvColumns;
  }

  /** CSV rows; request number {@code seq} uses row {@code seq % rows}. */
  public List<List<String>> csvRows() {
    return csvRows;
  }

  /** Where the scenario came from (file or URL), for the result's metadata. */
  public String source() {
    return source;
  }

  /** The scheme, host and port all requests go to. */
  public URI target() {
    return requests.get(0).uri();
  }
}
