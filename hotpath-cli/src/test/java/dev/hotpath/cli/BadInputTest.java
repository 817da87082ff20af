package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.GeneratorHealth;
import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.load.result.LoadModel;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadResultJson;
import dev.hotpath.load.result.RunInfo;
import dev.hotpath.metrics.LatencySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a user gets wrong, over every command: each case runs in-process and must exit with the
 * documented code and print one line on stderr that names the problem, with no stack trace and no
 * Java internals (type names, ISO-8601 durations, errno codes).
 *
 * <p>In the arguments, {@code {dir}} is a directory, {@code {result}} a valid result, {@code {x}} the
 * fixture file x of {@link #files()}; {@code {self}} is this JVM's pid.
 */
class BadInputTest {
  private static final String URL = "http://127.0.0.1:1/";

  @TempDir static Path dir;

  @BeforeAll
  static void files() throws Exception {
    Files.writeString(dir.resolve("body.json"), "{\"a\": 1}");
    Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
    Files.writeString(dir.resolve("tab.yaml"), "requests:\n  - url: http://127.0.0.1:1/\n\tmethod: GET\n");
    Files.writeString(dir.resolve("type.yaml"), "requests:\n  - url: http://127.0.0.1:1/\n    weight: heavy\n");
    Files.writeString(dir.resolve("placeholder.yaml"), "requests:\n  - url: http://127.0.0.1:1/\n    body: '${nope}'\n");
    Files.writeString(dir.resolve("ok.yaml"), "requests:\n  - url: http://127.0.0.1:1/\n");
    Files.writeString(dir.resolve("notjson.json"), "this is not json");
    Files.writeString(dir.resolve("other.json"), "{\"format\": \"something-else\", \"version\": 1}");
    Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1});
    LoadResultJson.write(result(), dir.resolve("result.json"));
    LoadResultJson.write(result(), dir.resolve("result2.json"));
    for (int i = 1; i <= 3; i++) {
      LoadResultJson.write(result(), dir.resolve("victim" + i + ".json")); // what the known defects overwrite
    }
  }

  private static LoadResult result() {
    List<IntervalStats> intervals = new ArrayList<>();
    LatencySnapshot l = LatencySnapshot.of(new long[] {20_000_000L, 21_000_000L, 25_000_000L});
    for (int s = 0; s < 5; s++) {
      intervals.add(new IntervalStats(Duration.ofSeconds(s), Duration.ofSeconds(1), 3, 3, 0, 0, 0, l, l));
    }
    LatencySnapshot all = LatencySnapshot.merge(List.of(l, l, l, l, l));
    EndpointStats ep = new EndpointStats("GET /", Duration.ofSeconds(5), 15, 15, Map.of(), 0, Map.of(200, 15L), 0, 0,
        all, all, Map.of());
    EndpointStats overall = new EndpointStats("overall", Duration.ofSeconds(5), 15, 15, Map.of(), 0, Map.of(200, 15L),
        0, 0, all, all, Map.of());
    RunInfo run = new RunInfo("hotpath test", Instant.parse("2026-11-29T15:00:00Z"), Duration.ofSeconds(5),
        Duration.ZERO, LoadModel.OPEN, URL, "rate 3/s for 5s", 4, 1, false, Map.of());
    return new LoadResult(run, overall, List.of(ep), intervals, List.of(), GeneratorHealth.unknown());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // load: target and request
        bad(2, "no target: give a URL", "load"),
        bad(2, "http:// or https://", "load", "ftp://example.org/"),
        bad(2, "either a URL or --scenario", "load", "--scenario", "{ok.yaml}", URL),
        bad(2, "is not 'Name: value'", "load", "-H", "nocolon", URL),
        bad(2, "-d @{dir}: {dir} is a directory, not a file", "load", "-d", "@{dir}", URL),
        bad(2, "missing.json does not exist", "load", "-d", "@{missing.json}", URL),
        bad(2, "latin1.txt is not UTF-8 text", "load", "-d", "@{latin1.txt}", URL),
        bad(2, "-d @: give a file name after @", "load", "-d", "@", URL),
        bad(2, "Unknown option: '--frobnicate'", "load", "--frobnicate", URL),
        bad(2, "--connections", "load", "-c", "many", URL),
        bad(2, "connections must be in [1, 100000]", "load", "-c", "0", URL),
        bad(2, "expected status", "load", "--expect", "999", URL),
        bad(2, "connection refused to 127.0.0.1:1", "load", "-n", "1", "--timeout", "2s", URL),
        // load: schedule and durations
        bad(2, "'99999999h' is too long", "load", "--duration", "99999999h", URL),
        bad(2, "--duration 9999h is longer than a run may last", "load", "--duration", "9999h", URL),
        bad(2, "--duration must be more than 0s", "load", "--duration", "0s", URL),
        bad(2, "'3x' is not a duration", "load", "--duration", "3x", URL),
        bad(2, "--timeout must be more than 0s", "load", "--timeout", "0s", URL),
        bad(2, "--rate", "load", "--rate", "abc", URL),
        bad(2, "--rate and --stages exclude each other", "load", "--rate", "10", "--stages", "10s:10", URL),
        bad(2, "--duration does not go with --stages", "load", "--stages", "10s:10", "--duration", "5s", URL),
        bad(2, "--stages", "load", "--stages", "bogus", URL),
        bad(2, "warmup (20s) must be shorter than the run (10s)", "load", "--stages", "10s:10", "--warmup", "20s", URL),
        bad(2, "think-time applies to the closed model only", "load", "--rate", "10", "--think-time", "1s", URL),
        bad(2, "--shard", "load", "--rate", "10", "--shard", "3/2", URL),
        bad(2, "needs the open model", "load", "--shard", "0/2", URL),
        bad(2, "--start-at", "load", "--start-at", "tomorrow", URL),
        bad(2, "more than 24 h away", "load", "--start-at", "2099-01-01T00:00:00Z", URL),
        bad(2, "--transport", "load", "--transport", "carrier-pigeon", URL),
        bad(2, "pipelining is for HTTP/1.1", "load", "--http2", "--pipelining", "4", URL),
        bad(2, "--threshold: bad threshold 'p99<200': missing time unit", "load", "--threshold", "p99<200", URL),
        // load: files
        bad(2, "--out /nonexistent/dir/x.json: the directory /nonexistent/dir does not exist", "load", "--out",
            "/nonexistent/dir/x.json", URL),
        bad(2, "--html {dir} is a directory", "load", "--html", "{dir}", URL),
        bad(2, "is also the -d @FILE file", "load", "-d", "@{body.json}", "--out", "{body.json}", URL),
        bad(2, "scenario {missing.yaml} does not exist", "load", "--scenario", "{missing.yaml}"),
        bad(2, "line 3, column 1: a tab in the indentation", "load", "--scenario", "{tab.yaml}"),
        bad(2, "line 3, column 13: requests[0].weight must be a whole number, was 'heavy'", "load", "--scenario", "{type.yaml}"),
        bad(2, "line 3: requests[0].body: unknown placeholder '${nope}'", "load", "--scenario", "{placeholder.yaml}"),
        bad(2, "is also the --scenario file", "load", "--scenario", "{ok.yaml}", "--out", "{ok.yaml}"),
        // compare
        bad(2, "missing.json", "compare", "{result.json}", "{missing.json}"),
        bad(2, "notjson.json", "compare", "{result.json}", "{notjson.json}"),
        bad(2, "--fail-on", "compare", "{result.json}", "{result2.json}", "--fail-on", "p99>10"),
        bad(2, "Unknown option: '--baseline'", "compare", "--baseline", "{result.json}"),
        // merge
        bad(2, "missing.json", "merge", "{missing.json}", "-o", "{t.json}"),
        bad(2, "Missing required option", "merge", "{result.json}"),
        bad(2, "other.json", "merge", "{other.json}", "-o", "{t.json}"),
        // report
        bad(2, "missing.json", "report", "{missing.json}"),
        bad(2, "notjson.json", "report", "{notjson.json}"),
        bad(2, "bad threshold 'p99<1': missing time unit", "report", "{result.json}", "--threshold", "p99<1"),
        bad(2, "Missing required parameter", "report"),
        // profile
        bad(2, "no process with pid 999999999", "profile", "999999999"),
        bad(2, "--event must be cpu, wall, alloc or lock, was 'heap'", "profile", "{self}", "--event", "heap"),
        bad(2, "--seconds must be within [1, 3600], was 0", "profile", "{self}", "--seconds", "0"),
        bad(2, "Invalid value for positional parameter at index 0 (PID): 'abc'", "profile", "abc"),
        bad(2, "-o {dir} is a directory", "profile", "{self}", "-o", "{dir}"),
        bad(2, "the directory /nonexistent does not exist", "profile", "{self}", "-o", "/nonexistent/flame.html"),
        // shards
        bad(2, "--from and --to must be shard counts", "shards", "plan", "--from", "0", "--to", "5"),
        bad(2, "unknown strategy 'crc32'", "shards", "plan", "--from", "4", "--to", "5", "--strategy", "crc32"),
        bad(2, "Missing required option: '--to=<to>'", "shards", "plan", "--from", "4"),
        bad(2, "--keys must be in [1, 1000000000], was 0", "shards", "plan", "--from", "4", "--to", "5", "--keys", "0"),
        // the command itself
        bad(2, "Unmatched argument at index 0: 'frobnicate'", "frobnicate"));
  }

  /** Cases that fail because of defects outside this suite's commands (see the reasons). */
  static Stream<Arguments> knownDefects() {
    return Stream.of(
        bad(2, "report.html", "report", "{result.json}", "-o", "/nonexistent/dir/report.html"),
        bad(2, "victim1.json", "report", "{victim1.json}", "-o", "{victim1.json}"),
        bad(2, "victim2.json", "compare", "{result.json}", "{result2.json}", "--html", "{victim2.json}"),
        bad(2, "same file", "compare", "{result.json}", "{result.json}"),
        bad(2, "victim3.json", "merge", "{victim3.json}", "-o", "{victim3.json}"),
        bad(2, "binary.json", "report", "{binary.json}"),
        bad(2, "two results", "compare", "{result.json}"));
  }

  private static Arguments bad(int exit, String message, String... args) {
    return Arguments.of(String.join(" ", args), exit, message, args);
  }

  private static String resolve(String s) {
    String pid = Long.toString(ProcessHandle.current().pid());
    StringBuilder out = new StringBuilder();
    int pos = 0;
    while (true) {
      int open = s.indexOf('{', pos);
      int close = open < 0 ? -1 : s.indexOf('}', open);
      if (open < 0 || close < 0 || s.startsWith("${", open - 1)) {
        out.append(s.substring(pos));
        return out.toString();
      }
      String key = s.substring(open + 1, close);
      out.append(s, pos, open).append(key.equals("dir") ? dir.toString() : key.equals("self") ? pid : dir.resolve(key).toString());
      pos = close + 1;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void oneClearLineAndTheDocumentedExitCode(String title, int exit, String message, String[] args) {
    check(exit, message, args);
  }

  @Disabled("defects in compare/report/merge (the gate helper's area of #14): an output that is an input or"
      + " in a missing directory is not refused before the work; a non-UTF-8 result leaks 'Invalid UTF-8 start byte'; 'compare a.json' says 'not both'")
  @ParameterizedTest(name = "{0}")
  @MethodSource("knownDefects")
  void knownDefectsOfTheResultCommands(String title, int exit, String message, String[] args) {
    check(exit, message, args);
  }

  private static void check(int exit, String message, String[] args) {
    String[] resolved = Stream.of(args).map(BadInputTest::resolve).toArray(String[]::new);
    Cli r = Cli.run(resolved);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as(r.toString()).hasSize(1);
    assertThat(lines.get(0)).as(r.toString())
        .contains(resolve(message))
        .doesNotContain("Exception").doesNotContain("at dev.").doesNotContain("java.")
        .doesNotContain("PT0S").doesNotContain("`").doesNotContain("error(-")
        .startsWith("hotpath");
  }
}
