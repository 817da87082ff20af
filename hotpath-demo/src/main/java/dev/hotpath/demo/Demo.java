package dev.hotpath.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotpath.demo.internal.Backends;
import dev.hotpath.demo.internal.CaseStudies;
import dev.hotpath.demo.internal.CaseStudy;
import dev.hotpath.demo.internal.Phases;
import dev.hotpath.demo.internal.ReportPages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code hotpath demo}: runs the guide's case studies, each service in a child JVM driven by
 * hotpath's load engine in this one, and writes {@code index.html}, {@code summary.json} and each
 * step's load results under the results folder.
 *
 * <p>Not thread-safe: one run at a time per process.
 *
 * <pre>{@code
 * DemoOutcome o = Demo.run(DemoConfig.builder().cases(List.of("shop")).quick(true).build(), new PrintWriter(System.out, true));
 * System.out.println("report: " + o.dir().resolve("index.html") + ", exit " + o.exitCode());
 * }</pre>
 */
public final class Demo {
  /** Default parent of the results folders, relative to the working directory. */
  public static final Path RESULTS = Path.of("hotpath-demo-results");

  private Demo() {}

  /** The case studies, in the order a bare {@code hotpath demo} runs them. */
  public static List<String> caseNames() {
    return CaseStudies.all().stream().map(CaseStudy::name).toList();
  }

  /** Each case's steps, for help texts. */
  public static Map<String, List<String>> steps() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    CaseStudies.all().forEach(c -> m.put(c.name(), c.stepNames()));
    return m;
  }

  /**
   * Runs the demo; progress and tables go to {@code out}.
   *
   * @throws DemoException for bad input (exit 2) or a verify mismatch (exit 3)
   * @throws UncheckedIOException when the results cannot be written
   */
  public static DemoOutcome run(DemoConfig config, PrintWriter out) {
    List<CaseStudy> cases = select(config.cases());
    Map<CaseStudy, List<String>> steps = steps(cases, config.steps());
    checkPort(config.port());
    Path dir = outDir(config);
    Path embedded = RESULTS.resolve(".embedded-db").toAbsolutePath();
    Phases phases = config.quick() ? Phases.QUICK : Phases.DEFAULT;
    long t0 = System.nanoTime();
    Instant started = Instant.now();
    List<CaseStudy.Outcome> outcomes = new ArrayList<>();
    String backendDb;
    String backendCache;
    try (Backends backends = Backends.resolve(config.db(), config.redis(), embedded, embedded, out)) {
      createDirectories(dir); // only now: bad input leaves no empty results folder behind
      out.println("hotpath demo: " + String.join(", ", steps.keySet().stream().map(CaseStudy::name).toList())
          + (config.quick() ? " (quick)" : "") + "; results in " + dir);
      backendDb = backends.databaseDescription();
      backendCache = backends.cacheDescription();
      for (Map.Entry<CaseStudy, List<String>> e : steps.entrySet()) {
        Path caseDir = dir.resolve(e.getKey().name());
        createDirectories(caseDir);
        outcomes.add(e.getKey().run(new CaseStudy.Context(config, caseDir, out, backends, e.getValue(), phases)));
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<String> failures = new ArrayList<>();
    out.println();
    for (CaseStudy.Outcome o : outcomes) {
      out.print(o.table());
      o.failures().forEach(f -> failures.add(o.name() + " " + f));
      out.println();
    }
    Map<String, String> env = environment(config, backendDb, backendCache, started, seconds);
    writeSummary(dir, env, outcomes);
    writeIndex(dir, env, outcomes);
    out.printf(Locale.ROOT, "report: %s (%.0f s)%n", dir.resolve("index.html"), seconds);
    failures.forEach(f -> out.println("FAILED: " + f));
    return new DemoOutcome(dir, failures);
  }

  private static List<CaseStudy> select(List<String> names) {
    List<CaseStudy> all = CaseStudies.all();
    if (names.isEmpty()) {
      return all;
    }
    List<CaseStudy> chosen = new ArrayList<>();
    for (String n : new LinkedHashSet<>(names)) {
      CaseStudy c = all.stream().filter(x -> x.name().equals(n)).findFirst()
          .orElseThrow(() -> new DemoException(DemoException.BAD_INPUT, "unknown case study '" + n + "'; known: "
              + String.join(", ", caseNames())));
      chosen.add(c);
    }
    return chosen;
  }

  /** Each case's steps to run (its own order); a step no chosen case knows is bad input. */
  private static Map<CaseStudy, List<String>> steps(List<CaseStudy> cases, List<String> wanted) {
    Map<CaseStudy, List<String>> m = new LinkedHashMap<>();
    Set<String> known = new LinkedHashSet<>();
    for (CaseStudy c : cases) {
      known.addAll(c.stepNames());
    }
    for (String s : wanted) {
      if (!known.contains(s)) {
        throw new DemoException(DemoException.BAD_INPUT, "unknown step '" + s + "'; steps: " + String.join(", ", known));
      }
    }
    for (CaseStudy c : cases) {
      List<String> run = wanted.isEmpty() ? c.stepNames() : c.stepNames().stream().filter(wanted::contains).toList();
      if (c.stepNames().isEmpty() || !run.isEmpty()) {
        m.put(c, run);
      }
    }
    return m;
  }

  private static void checkPort(int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
    } catch (IOException e) {
      throw new DemoException(DemoException.BAD_INPUT, "--port " + port + " is busy (" + e.getMessage()
          + "); choose another or use --port 0");
    }
  }

  /** The given folder if it is empty or absent, else a fresh one under {@link #RESULTS}; not created yet. */
  static Path outDir(DemoConfig config) {
    if (config.out().isPresent()) {
      Path d = config.out().get();
      if (Files.isRegularFile(d)) {
        throw new DemoException(DemoException.BAD_INPUT, "--out " + d + " is a file; give a folder");
      }
      if (Files.isDirectory(d)) {
        try (Stream<Path> s = Files.list(d)) {
          if (s.findAny().isPresent()) {
            throw new DemoException(DemoException.BAD_INPUT, "--out " + d
                + " is not empty; give a new or empty folder (results are never overwritten)");
          }
        } catch (IOException e) {
          throw new DemoException(DemoException.BAD_INPUT, "--out " + d + ": cannot read it (" + e.getMessage() + ")");
        }
      }
      return d;
    }
    String stamp = LocalDateTime.now(java.time.ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
    Path d = RESULTS.resolve(stamp);
    for (int i = 2; Files.exists(d); i++) {
      d = RESULTS.resolve(stamp + "-" + i);
    }
    return d;
  }

  private static void createDirectories(Path d) {
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + d + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> environment(DemoConfig config, String db, String cache, Instant started,
      double seconds) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("command", config.command());
    env.put("started", started.toString());
    env.put("duration", String.format(Locale.ROOT, "%.0f s", seconds));
    env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    env.put("jdk", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
        + System.getProperty("java.vendor") + ")");
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    env.put("database", db);
    env.put("cache", cache);
    env.put("seed", Long.toString(config.seed()));
    env.put("scale", Double.toString(config.scale()));
    env.put("mode", config.quick() ? "quick" : "full");
    return env;
  }

  private static void writeSummary(Path dir, Map<String, String> env, List<CaseStudy.Outcome> outcomes) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("format", "hotpath-demo-summary");
    root.put("version", 1);
    ObjectNode e = root.putObject("environment");
    env.forEach(e::put);
    ArrayNode cases = root.putArray("cases");
    outcomes.forEach(o -> cases.add(o.summary()));
    try {
      json.writeValue(dir.resolve("summary.json").toFile(), root);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write " + dir.resolve("summary.json") + ": " + ex.getMessage(), ex);
    }
  }

  private static void writeIndex(Path dir, Map<String, String> env, List<CaseStudy.Outcome> outcomes) {
    String css = outcomes.stream().map(CaseStudy.Outcome::css).filter(c -> !c.isEmpty()).findFirst().orElse("");
    StringBuilder sb = new StringBuilder("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>hotpath demo</title>
        """);
    sb.append(css).append("\n</head>\n<body>\n<h1>hotpath demo: the guide's case studies, measured</h1>\n");
    sb.append("<div class=\"meta\">Reproduce: <code>").append(ReportPages.escape(env.getOrDefault("command", ""))).append("</code></div>\n");
    sb.append("<h2>Environment</h2>\n<table>");
    env.forEach((k, v) -> sb.append("<tr><th>").append(ReportPages.escape(k)).append("</th><td class=\"l\">")
        .append(ReportPages.escape(v)).append("</td></tr>"));
    sb.append("</table>\n");
    for (CaseStudy.Outcome o : outcomes) {
      sb.append("<section id=\"").append(ReportPages.escape(o.name())).append("\">\n").append(o.html());
      if (o.failed()) {
        sb.append("<ul>");
        o.failures().forEach(f -> sb.append("<li class=\"fail\">FAILED: ").append(ReportPages.escape(f)).append("</li>"));
        sb.append("</ul>");
      }
      sb.append("</section>\n");
    }
    sb.append("<footer>Generated by hotpath demo. Latency is measured from each request's intended start (no coordinated"
        + " omission). Each step's load results are beside this file as JSON (hotpath report/compare read them).</footer>\n"
        + "</body>\n</html>\n");
    try {
      Files.writeString(dir.resolve("index.html"), sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve("index.html") + ": " + e.getMessage(), e);
    }
  }
}
