package dev.hotpath.cli;

import dev.hotpath.load.HttpProtocol;
import dev.hotpath.load.Transport;
import dev.hotpath.load.LoadConfig;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.report.HtmlReport;
import dev.hotpath.load.result.LoadResultJson;
import dev.hotpath.load.result.LoadShard;
import dev.hotpath.load.StartAt;
import dev.hotpath.load.LoadRunner;
import dev.hotpath.load.result.LoadSummary;
import dev.hotpath.load.ProgressListener;
import dev.hotpath.load.RateSchedule;
import dev.hotpath.load.RequestSpec;
import dev.hotpath.load.result.ResultThresholds;
import dev.hotpath.load.Scenario;
import dev.hotpath.load.ScenarioException;
import dev.hotpath.load.TargetUnreachableException;
import dev.hotpath.metrics.Durations;
import dev.hotpath.metrics.Threshold;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotpath load}: HTTP load with correct open-model timing (see docs/load.md). Parses and
 * validates everything before the run, so every mistake is one line and exit code 2.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Generate HTTP load and measure latency correctly.",
      "",
      "Open model (--rate, --stages): requests start on schedule whatever the server does, and latency counts"
          + " from each request's intended start (no coordinated omission).",
      "",
      "Closed model (no --rate): each connection sends its next request when the answer to the previous one"
          + " arrives; for capacity, not for latency.",
      ""
    },
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  hotpath load --rate 500 --duration 30s http://127.0.0.1:8080/api",
      "  hotpath load --stages 30s:100,1m:1000,30s:0 --scenario shop.yaml --out result.json --html report.html",
      "  hotpath load -c 64 --duration 10s --threshold 'p99<200ms' --threshold 'error_rate<0.1%%' http://host/x",
      "  hotpath load --rate 200 -X POST -H 'Content-Type: application/json' -d @order.json http://host/orders",
      "",
      "Durations: 250ms, 30s, 1m30s, 2h (a bare number is seconds). Progress goes to stderr, the summary to stdout.",
      "",
      "Exit codes: 0 ok, 2 bad input or unreachable target, 3 failure while running, 99 a threshold failed,"
          + " 130 interrupted (what was measured is still printed and written)."
    })
public final class LoadCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
      description = "Target URL (http:// or https://); not needed with --scenario.")
  @Nullable String url;

  @Option(names = {"-X", "--method"}, paramLabel = "METHOD", description = "HTTP method (default GET).")
  String method = "GET";

  @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", description = "Request header; repeatable.")
  List<String> headers = new ArrayList<>();

  @Option(names = {"-d", "--data"}, paramLabel = "BODY|@FILE", description = "Request body, or @FILE to send a file's content (UTF-8 text); sets POST unless -X is given.")
  @Nullable String data;

  @Option(names = "--expect", split = ",", paramLabel = "STATUS",
      description = "Statuses that count as success (default any 2xx/3xx), e.g. --expect 200,404.")
  List<Integer> expect = new ArrayList<>();

  @Option(names = "--scenario", paramLabel = "FILE", description = "YAML scenario: several weighted requests, expected statuses, templates (docs/load.md).")
  @Nullable Path scenario;

  @Option(names = "--rate", paramLabel = "R", description = "Open model: R requests per second (also 100/s, 6000/m).")
  @Nullable String rate;

  @Option(names = "--stages", paramLabel = "D:R,...", description = "Open model with linear ramps, e.g. 30s:100,1m:1000,30s:0 (the run lasts their sum, warm-up included).")
  @Nullable String stages;

  @Option(names = {"-c", "--connections"}, paramLabel = "N", description = "HTTP connections (default 16).")
  int connections = 16;

  @Option(names = "--pipelining", paramLabel = "DEPTH", description = "Requests in flight per connection (default 1 = none).")
  int pipelining = 1;

  @Option(names = "--think-time", paramLabel = "DURATION", description = "Closed model: pause between a response and the connection's next request.")
  Duration thinkTime = Duration.ZERO;

  @Option(names = "--duration", paramLabel = "DURATION", description = "Measured run time after warm-up, e.g. 30s, 2m (default 10s; not with --stages).")
  @Nullable Duration duration;

  @Option(names = {"-n", "--requests"}, paramLabel = "N", description = "Stop after N requests (warm-up included).")
  long requests;

  @Option(names = "--warmup", paramLabel = "DURATION", description = "Load sent first and left out of the results (default 0s).")
  Duration warmup = Duration.ZERO;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "A request without a complete response after this fails as timeout (default 10s).")
  Duration timeout = Duration.ofSeconds(10);

  @Option(names = "--queue", paramLabel = "N", description = "Open model: requests that may wait for a free connection (default 10000); more are dropped and counted.")
  int queue = 10_000;

  @Option(names = {"-k", "--insecure"}, description = "https: accept any certificate and host name.")
  boolean insecure;

  @Option(names = "--io-threads", paramLabel = "N", description = "Event loops (default: one per core).")
  int ioThreads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--transport", paramLabel = "auto|epoll|io_uring|nio", description = "Socket I/O of the event loops (default auto: epoll, else io_uring, else nio).")
  String transport = "auto";

  @Option(names = "--http2", description = "Speak HTTP/2: h2 (ALPN) over https, h2c with prior knowledge over http.")
  boolean http2;

  @Option(names = "--max-streams", paramLabel = "N", description = "HTTP/2: streams in flight per connection at most (default 100; the server may allow fewer).")
  int maxStreams = 100;

  @Option(names = "--interval", paramLabel = "DURATION", description = "Progress and time-series interval (default 1s).")
  Duration interval = Duration.ofSeconds(1);

  @Option(names = "--out", paramLabel = "FILE", description = "Write the full result (histograms included) as JSON.")
  @Nullable Path out;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write the self-contained HTML report (as 'hotpath report' does).")
  @Nullable Path html;

  @Option(names = "--shard", paramLabel = "I/N", description = "Run shard I (from 0) of N of the arrival plan, interleaved, so N processes together follow the plan exactly (open model; Kubernetes: I = $JOB_COMPLETION_INDEX). Merge with 'hotpath merge'.")
  @Nullable String shard;

  @Option(names = "--start-at", paramLabel = "INSTANT", description = "Start at this instant (ISO-8601, e.g. 2026-11-29T16:00:00Z, or +30s from now), so shards start together.")
  @Nullable StartAt startAt;

  @Option(names = "--threshold", paramLabel = "EXPR", description = "Pass/fail check on the overall result, e.g. 'p99<200ms', 'error_rate<0.1%%', 'rps>=1000'; repeatable; any failure exits 99.")
  List<String> thresholds = new ArrayList<>();

  @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Free-form label stored in the result (e.g. host=a); repeatable.")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = {"-q", "--quiet"}, description = "No progress output (the summary is still printed).")
  boolean quiet;

  @Option(names = "--plain", description = "One progress line per interval even on a terminal.")
  boolean plain;

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec == null
        ? new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true)
        : spec.commandLine().getOut();
    PrintWriter err = spec == null
        ? new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)
        : spec.commandLine().getErr();
    LoadConfig config = config();
    for (String t : thresholds) {
      try {
        Threshold.parse(t);
      } catch (IllegalArgumentException e) {
        throw new UsageError("--threshold: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(t), e);
      }
    }
    LoadRunner runner;
    try {
      runner = new LoadRunner(config);
    } catch (TargetUnreachableException | IllegalArgumentException e) { // also: --transport not available here
      throw new UsageError(String.valueOf(e.getMessage()), e);
    }
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      // Ctrl-C: stop the run; the main thread prints and writes what it has, then the JVM exits 130
      runner.stop();
      try {
        reported.await(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "hotpath-load-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    LoadResult result;
    ProgressPrinter progress = new ProgressPrinter(err, !plain && isTerminal());
    try {
      result = runner.run(quiet ? ProgressListener.NONE : progress);
    } catch (TargetUnreachableException e) {
      reported.countDown();
      throw new UsageError(String.valueOf(e.getMessage()), e);
    } finally {
      progress.end(); // the summary starts on a line of its own
    }
    try {
      if (!thresholds.isEmpty()) {
        result = ResultThresholds.evaluate(result, thresholds);
      }
      out.print(LoadSummary.render(result));
      if (this.out != null) {
        LoadResultJson.write(result, this.out);
        out.println("result written to " + this.out);
      }
      if (html != null) {
        HtmlReport.write(result, html);
        out.println("report written to " + html);
      }
      out.flush();
    } finally {
      reported.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return ExitCodes.INTERRUPTED;
    }
    if (result.run().interrupted()) {
      return ExitCodes.INTERRUPTED;
    }
    return result.thresholdsPassed() ? ExitCodes.OK : ExitCodes.THRESHOLD_FAILED;
  }

  /** Whether we talk to a terminal: Console.isTerminal() where it exists (JDK 22+), else console != null. */
  @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() is asked where it exists
  private static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException | ClassCastException e) {
      return true; // JDK 21: a console exists only on a terminal
    }
  }

  /** Everything validated up front: each mistake becomes one line and exit code 2. */
  LoadConfig config() throws IOException {
    try {
      Scenario sc = scenario();
      checkOutputs();
      Duration warm = atMost("--warmup", warmup, MAX_RUN);
      RateSchedule schedule = null;
      Duration measured = duration == null ? Duration.ofSeconds(10) : positive("--duration", atMost("--duration", duration, MAX_RUN));
      if (rate != null && stages != null) {
        throw new UsageError("--rate and --stages exclude each other");
      }
      if (rate != null) {
        schedule = RateSchedule.constant(RateSchedule.parseRate("--rate", rate), warm.plus(measured));
      } else if (stages != null) {
        if (duration != null) {
          throw new UsageError("--duration does not go with --stages (the stages set the run's length)");
        }
        schedule = RateSchedule.parseStages(stages);
        atMost("--stages", schedule.duration(), MAX_RUN);
      }
      checkOpenFiles(connections, maxOpenFiles());
      return LoadConfig.builder(sc)
          .schedule(schedule)
          .connections(connections)
          .pipelining(pipelining)
          .duration(schedule == null && duration == null && requests > 0 ? null : warm.plus(measured))
          .maxRequests(requests)
          .warmup(warm)
          .timeout(positive("--timeout", timeout))
          .thinkTime(thinkTime)
          .queueCapacity(queue)
          .insecure(insecure)
          .ioThreads(ioThreads)
          .transport(Transport.parse(transport))
          .protocol(http2 ? HttpProtocol.HTTP_2 : HttpProtocol.HTTP_1_1)
          .maxStreams(maxStreams)
          .interval(positive("--interval", interval))
          .labels(labels)
          .shard(shard == null ? LoadShard.WHOLE : LoadShard.parse(shard))
          .startAt(startAt)
          .build();
    } catch (ScenarioException e) {
      throw new UsageError(String.valueOf(e.getMessage()), e);
    } catch (IllegalArgumentException e) {
      throw new UsageError(flagNamed(String.valueOf(e.getMessage())), e);
    }
  }

  /** Output files are checked before the run: a long run must not end in "cannot write". */
  private void checkOutputs() {
    OutputFiles.Input[] inputs = {new OutputFiles.Input("--scenario", scenario), new OutputFiles.Input("-d @FILE", bodyFile())};
    OutputFiles.check("--out", out, inputs);
    OutputFiles.check("--html", html, inputs);
    if (out != null && html != null && OutputFiles.same(out, html)) {
      throw new UsageError("--out and --html name the same file " + out + "; give each its own");
    }
  }

  /** File descriptors the JVM and the event loops need besides the connections. */
  static final int FILES_FOR_ITSELF = 256;

  /**
   * More connections than the process may open files made every connect fail with a stack trace
   * per connection and the JVM die ("errno: 24"): refused before the run instead.
   */
  static void checkOpenFiles(int connections, long maxOpenFiles) {
    long needed = (long) connections + FILES_FOR_ITSELF;
    if (maxOpenFiles > 0 && needed > maxOpenFiles) {
      throw new UsageError("-c " + connections + " needs " + needed + " open files, but this process may open "
          + maxOpenFiles + " (ulimit -n): lower -c to " + Math.max(1, maxOpenFiles - FILES_FOR_ITSELF)
          + " or raise the limit (ulimit -n " + needed + ")");
    }
  }

  /** The process's open-file limit, or -1 where the JVM does not tell. */
  private static long maxOpenFiles() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getMaxFileDescriptorCount();
    }
    return -1;
  }

  /** LoadConfig names its settings as the flags without dashes ("io-threads must be ..."): say the flag. */
  private String flagNamed(String message) {
    int space = message.indexOf(" must ");
    if (space > 0 && spec != null) {
      String name = "--" + message.substring(0, space);
      if (spec.optionsMap().containsKey(name)) {
        return name + message.substring(space);
      }
    }
    return message;
  }

  /** The longest run: a longer --duration is a typo (99999999h), and would show no planned end. */
  static final Duration MAX_RUN = Duration.ofDays(30);

  private static Duration positive(String flag, Duration d) {
    if (d.isZero()) {
      throw new UsageError(flag + " must be more than 0s, e.g. " + flag + " 30s");
    }
    return d;
  }

  private static Duration atMost(String flag, Duration d, Duration max) {
    if (d.compareTo(max) > 0) {
      throw new UsageError(flag + " " + Durations.format(d) + " is longer than a run may last ("
          + max.toDays() + " days)");
    }
    return d;
  }

  private Scenario scenario() throws IOException {
    if (scenario != null) {
      if (url != null) {
        throw new UsageError("give either a URL or --scenario, not both");
      }
      return Scenario.fromYaml(scenario);
    }
    if (url == null) {
      throw new UsageError("no target: give a URL (e.g. http://127.0.0.1:8080/) or --scenario FILE");
    }
    Map<String, String> h = new LinkedHashMap<>();
    for (String header : headers) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new UsageError("-H '" + header + "' is not 'Name: value'");
      }
      h.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
    }
    String body = "";
    if (data != null) {
      Path file = bodyFile();
      body = file == null ? data : FileProblem.readText("-d " + data, file);
    }
    String m = data != null && method.equals("GET") && !isExplicitMethod() ? "POST" : method;
    Set<Integer> expected = new TreeSet<>(expect);
    return Scenario.of(new RequestSpec("", m, url, h, body, 1, expected));
  }

  /** The file of {@code -d @FILE} (picocli's own @-file expansion is off, so the argument arrives whole). */
  private @Nullable Path bodyFile() {
    if (data == null || !data.startsWith("@")) {
      return null;
    }
    if (data.length() == 1) {
      throw new UsageError("-d @: give a file name after @, e.g. -d @body.json");
    }
    return Path.of(data.substring(1));
  }

  private boolean isExplicitMethod() {
    if (spec == null) {
      return false;
    }
    CommandLine.ParseResult pr = spec.commandLine().getParseResult();
    return pr != null && pr.hasMatchedOption("--method");
  }
}
