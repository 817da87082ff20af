package dev.hotpath.load.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotpath.metrics.LatencySnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes {@link LoadResult} as JSON ({@code "format": "hotpath-load-result", "version":
 * 1}; the layout is documented in docs/load.md). Histograms are compressed HdrHistograms in base64;
 * durations are integer nanoseconds (fields ending in {@code Nanos}). Writing also adds a
 * human-readable {@code summary} per histogram (milliseconds), which reading ignores.
 *
 * <p>Compatibility: readers ignore unknown fields (newer minor additions) and reject a different
 * {@code format} or a {@code version} newer than {@link LoadResult#VERSION}.
 *
 * <p>Thread-safe: stateless.
 *
 * <pre>{@code
 * LoadResultJson.write(result, Path.of("result.json"));
 * LoadResult again = LoadResultJson.read(Path.of("result.json"));
 * }</pre>
 */
public final class LoadResultJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LoadResultJson() {}

  /** Writes {@code result} to {@code file}, replacing it. */
  public static void write(LoadResult result, Path file) throws IOException {
    Files.writeString(file, toJson(result));
  }

  /** {@code result} as a JSON document. */
  public static String toJson(LoadResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", LoadResult.FORMAT);
    root.put("version", LoadResult.VERSION);
    root.set("run", run(result.run()));
    root.set("overall", endpoint(result.overall()));
    ArrayNode eps = root.putArray("endpoints");
    result.endpoints().forEach(e -> eps.add(endpoint(e)));
    ArrayNode ivs = root.putArray("intervals");
    for (IntervalStats i : result.intervals()) {
      ObjectNode n = ivs.addObject();
      n.put("startNanos", i.start().toNanos());
      n.put("lengthNanos", i.length().toNanos());
      n.put("completed", i.completed());
      n.put("successes", i.successes());
      n.put("errors", i.errors());
      n.put("dropped", i.dropped());
      n.put("bytesReceived", i.bytesReceived());
      n.put("latency", i.latencyBase64());
      n.put("serviceTime", i.serviceTimeBase64());
      if (!i.errorsByKind().isEmpty()) {
        ObjectNode kinds = n.putObject("errorsByKind");
        i.errorsByKind().forEach((k, v) -> kinds.put(k.jsonName(), v));
      }
      GeneratorSample g = i.generator();
      ObjectNode gen = n.putObject("generator");
      gen.put("scheduleLag", g.scheduleLagBase64());
      gen.put("inFlight", g.inFlight());
      gen.put("queued", g.queued());
      gen.put("openConnections", g.openConnections());
      gen.put("targetRate", g.targetRate());
    }
    ArrayNode ths = root.putArray("thresholds");
    for (ThresholdResult t : result.thresholds()) {
      ObjectNode n = ths.addObject();
      n.put("expression", t.expression());
      n.put("passed", t.passed());
      n.put("actual", t.actual());
    }
    GeneratorHealth g = result.generator();
    ObjectNode gen = root.putObject("generator");
    histogram(gen, "scheduleLag", g.scheduleLag());
    gen.put("cpuUsage", g.cpuUsage());
    gen.put("gcCount", g.gcCount());
    gen.put("gcTimeNanos", g.gcTime().toNanos());
    gen.put("trustworthy", g.trustworthy());
    ArrayNode w = gen.putArray("warnings");
    g.warnings().forEach(w::add);
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode run(RunInfo r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("tool", r.tool());
    n.put("startedAt", r.startedAt().toString());
    n.put("durationNanos", r.duration().toNanos());
    n.put("warmupNanos", r.warmup().toNanos());
    n.put("model", r.model().name().toLowerCase(java.util.Locale.ROOT));
    n.put("target", r.target());
    n.put("schedule", r.schedule());
    n.put("connections", r.connections());
    n.put("pipelining", r.pipelining());
    n.put("interrupted", r.interrupted());
    n.put("protocol", r.protocol());
    n.put("transport", r.transport());
    ObjectNode labels = n.putObject("labels");
    r.labels().forEach(labels::put);
    return n;
  }

  private static ObjectNode endpoint(EndpointStats e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("name", e.name());
    n.put("elapsedNanos", e.elapsed().toNanos());
    n.put("planned", e.planned());
    n.put("successes", e.successes());
    ObjectNode errors = n.putObject("errors");
    e.errors().forEach((k, v) -> errors.put(k.jsonName(), v));
    n.put("dropped", e.dropped());
    ObjectNode status = n.putObject("statusCodes");
    e.statusCodes().forEach((k, v) -> status.put(Integer.toString(k), v));
    n.put("bytesSent", e.bytesSent());
    n.put("bytesReceived", e.bytesReceived());
    n.put("rps", e.rps());
    histogram(n, "latency", e.latency());
    histogram(n, "serviceTime", e.serviceTime());
    ObjectNode st = n.putObject("serverTiming");
    e.serverTiming().forEach((k, v) -> histogram(st, k, v.duration()));
    return n;
  }

  /** {@code name}: base64 histogram, {@code nameSummary}: readable figures (ignored on read). */
  private static void histogram(ObjectNode parent, String name, LatencySnapshot s) {
    parent.put(name, s.toBase64());
    ObjectNode sum = parent.putObject(name + "Summary");
    sum.put("count", s.count());
    sum.put("minMs", s.min() / 1e6);
    sum.put("meanMs", s.mean() / 1e6);
    sum.put("p50Ms", s.p50() / 1e6);
    sum.put("p90Ms", s.p90() / 1e6);
    sum.put("p95Ms", s.p95() / 1e6);
    sum.put("p99Ms", s.p99() / 1e6);
    sum.put("p999Ms", s.p999() / 1e6);
    sum.put("maxMs", s.max() / 1e6);
  }

  /**
   * Reads a result file.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is not a hotpath load result this version understands
   */
  public static LoadResult read(Path file) throws IOException {
    return fromJson(Files.readString(file));
  }

  /**
   * Parses a result document.
   *
   * @throws IllegalArgumentException if it is not valid JSON or not a hotpath load result this
   *     version understands; the message names the field
   */
  public static LoadResult fromJson(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a hotpath load result: expected a JSON object");
    }
    String format = text(root, "format");
    if (!LoadResult.FORMAT.equals(format)) {
      throw new IllegalArgumentException(
          "not a hotpath load result: format is '" + format + "', expected '" + LoadResult.FORMAT + "'");
    }
    long version = number(root, "version");
    if (version < 1 || version > LoadResult.VERSION) {
      throw new IllegalArgumentException(
          "unsupported result version " + version + " (this hotpath reads 1 to " + LoadResult.VERSION + ")");
    }
    RunInfo run = readRun(field(root, "run"));
    EndpointStats overall = readEndpoint(field(root, "overall"));
    List<EndpointStats> endpoints = new ArrayList<>();
    for (JsonNode n : array(root, "endpoints")) {
      endpoints.add(readEndpoint(n));
    }
    List<IntervalStats> intervals = new ArrayList<>();
    for (JsonNode n : array(root, "intervals")) {
      IntervalStats i = IntervalStats.ofEncoded(
          Duration.ofNanos(number(n, "startNanos")),
          Duration.ofNanos(number(n, "lengthNanos")),
          number(n, "completed"),
          number(n, "successes"),
          number(n, "errors"),
          number(n, "dropped"),
          number(n, "bytesReceived"),
          text(n, "latency"),
          text(n, "serviceTime"));
      JsonNode g = n.get("generator");
      i = g == null || g.isNull() ? i : i.withGenerator(readGeneratorSample(g));
      JsonNode kinds = n.get("errorsByKind");
      intervals.add(kinds == null || kinds.isNull() ? i : i.withErrorsByKind(errorKinds(kinds, "intervals[].errorsByKind")));
    }
    List<ThresholdResult> thresholds = new ArrayList<>();
    for (JsonNode n : array(root, "thresholds")) {
      thresholds.add(new ThresholdResult(text(n, "expression"), field(n, "passed").asBoolean(), text(n, "actual")));
    }
    JsonNode g = field(root, "generator");
    List<String> warnings = new ArrayList<>();
    for (JsonNode w : array(g, "warnings")) {
      warnings.add(w.asText());
    }
    GeneratorHealth health = new GeneratorHealth(
        snapshot(g, "scheduleLag"),
        field(g, "cpuUsage").asDouble(),
        number(g, "gcCount"),
        Duration.ofNanos(number(g, "gcTimeNanos")),
        field(g, "trustworthy").asBoolean(),
        warnings);
    return new LoadResult(run, overall, endpoints, intervals, thresholds, health);
  }

  private static GeneratorSample readGeneratorSample(JsonNode g) {
    try {
      return GeneratorSample.builder()
          .scheduleLagBase64(text(g, "scheduleLag"))
          .inFlight(number(g, "inFlight"))
          .queued(number(g, "queued"))
          .openConnections((int) number(g, "openConnections"))
          .targetRate(field(g, "targetRate").asDouble())
          .build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("intervals[].generator: " + e.getMessage(), e);
    }
  }

  private static RunInfo readRun(JsonNode n) {
    Instant started;
    try {
      started = Instant.parse(text(n, "startedAt"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("run.startedAt is not an ISO-8601 instant: " + text(n, "startedAt"), e);
    }
    LoadModel model;
    try {
      model = LoadModel.valueOf(text(n, "model").toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("run.model must be 'open' or 'closed', was '" + text(n, "model") + "'", e);
    }
    Map<String, String> labels = new TreeMap<>();
    JsonNode l = n.get("labels");
    if (l != null) {
      for (Map.Entry<String, JsonNode> e : l.properties()) {
        labels.put(e.getKey(), e.getValue().asText());
      }
    }
    return new RunInfo(
        text(n, "tool"),
        started,
        Duration.ofNanos(number(n, "durationNanos")),
        Duration.ofNanos(number(n, "warmupNanos")),
        model,
        text(n, "target"),
        text(n, "schedule"),
        (int) number(n, "connections"),
        (int) number(n, "pipelining"),
        field(n, "interrupted").asBoolean(),
        labels,
        n.hasNonNull("protocol") ? text(n, "protocol") : RunInfo.DEFAULT_PROTOCOL,
        n.hasNonNull("transport") ? text(n, "transport") : "");
  }

  /** Failed requests by kind, e.g. {@code {"http_5xx": 8}}; {@code where} names the field in errors. */
  private static EnumMap<ErrorKind, Long> errorKinds(JsonNode n, String where) {
    EnumMap<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      try {
        errors.put(ErrorKind.fromJsonName(e.getKey()), e.getValue().asLong());
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
      }
    }
    return errors;
  }

  private static EndpointStats readEndpoint(JsonNode n) {
    EnumMap<ErrorKind, Long> errors = errorKinds(field(n, "errors"), "errors");
    Map<Integer, Long> status = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : field(n, "statusCodes").properties()) {
      try {
        status.put(Integer.parseInt(e.getKey()), e.getValue().asLong());
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("statusCodes key is not a number: '" + e.getKey() + "'", ex);
      }
    }
    Map<String, ServerTimingStats> st = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : field(n, "serverTiming").properties()) {
      if (e.getValue().isTextual()) { // skip the "...Summary" objects
        st.put(e.getKey(), new ServerTimingStats(decode(e.getValue().asText(), "serverTiming." + e.getKey())));
      }
    }
    return new EndpointStats(
        text(n, "name"),
        Duration.ofNanos(number(n, "elapsedNanos")),
        number(n, "planned"),
        number(n, "successes"),
        errors,
        number(n, "dropped"),
        status,
        number(n, "bytesSent"),
        number(n, "bytesReceived"),
        snapshot(n, "latency"),
        snapshot(n, "serviceTime"),
        st);
  }

  private static LatencySnapshot snapshot(JsonNode n, String name) {
    return decode(text(n, name), name);
  }

  private static LatencySnapshot decode(String base64, String name) {
    try {
      return LatencySnapshot.fromBase64(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + name + "': " + e.getMessage(), e);
    }
  }

  private static JsonNode field(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + name + "'");
    }
    return v;
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field '" + name + "' must be a string");
    }
    return v.asText();
  }

  private static long number(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isIntegralNumber()) {
      throw new IllegalArgumentException("field '" + name + "' must be an integer");
    }
    return v.asLong();
  }

  private static Iterable<JsonNode> array(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isArray()) {
      throw new IllegalArgumentException("field '" + name + "' must be an array");
    }
    return v;
  }
}
