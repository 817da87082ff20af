package dev.hotpath.cli;

import dev.hotpath.demo.Demo;
import dev.hotpath.demo.DemoConfig;
import dev.hotpath.demo.DemoException;
import dev.hotpath.demo.DemoOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hotpath demo}: the case studies run and measured — each service in a child JVM,
 * naive then one fix at a time, driven by hotpath's load engine (docs/demo.md).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the case studies and measure them. The shop (e-commerce) goes",
      "from naive to optimized one fix at a time (indexes, no N+1, pool, cache,",
      "compression), each step in its own JVM under the same open-model load, plus a",
      "closed-model pass for its maximum throughput. Prints a table and writes",
      "index.html, summary.json and every step's load result (docs/demo.md).",
      "Uses PostgreSQL and Redis on loopback when they answer, else an embedded",
      "PostgreSQL and an in-process cache; the report says which. The payments",
      "case runs a naive and an optimized payment service (three instances) through",
      "one fault timeline: a slow then failing gateway and a killed instance."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hotpath demo                   every case study (shop ~4 min, payments ~4 min)",
      "  hotpath demo --quick           shorter phases (shop ~2 min, payments ~70 s)",
      "  hotpath demo payments          the payments case study alone",
      "  hotpath demo shop --steps naive,compression --out /tmp/shop",
      "  hotpath demo --db embedded --redis none      no external service at all",
      "  hotpath demo --db 'jdbc:postgresql://db:5432/shop?user=me&password=secret'",
      "",
      "Exit codes: 0 ok, 1 a step failed, 2 bad input (unknown case or step,",
      "            unreachable --db or --redis, busy --port, non-empty --out),",
      "            3 verify mismatch (the modes answered differently) or a failure."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec @SuppressWarnings("NullAway.Init") CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "CASE", description = "Case studies to run (default: all): ${COMPLETION-CANDIDATES}",
      completionCandidates = CaseNames.class)
  List<String> cases = new ArrayList<>();

  @Option(names = "--quick", description = "Shorter phases (2 s warm-up, 3 s closed, 4 s open per step).")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Results folder, new or empty (default: a fresh folder under ./hotpath-demo-results/).")
  @Nullable Path out;

  @Option(names = "--db", paramLabel = "auto|embedded|h2|JDBC-URL", defaultValue = "auto",
      description = "Database: auto = PostgreSQL on 127.0.0.1:5432 when it answers, else embedded (PostgreSQL"
          + " from a Maven package); h2 = H2 over TCP (default: ${DEFAULT-VALUE}).")
  String db = "auto";

  @Option(names = "--redis", paramLabel = "auto|none|URI", defaultValue = "auto",
      description = "L2 cache: auto = Redis on 127.0.0.1:6379 when it answers, else none (L1 only)"
          + " (default: ${DEFAULT-VALUE}).")
  String redis = "auto";

  @Option(names = "--scale", defaultValue = "1.0", description = "Data size factor, 0.01 to 100 (default: ${DEFAULT-VALUE}).")
  double scale = 1.0;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--steps", split = ",", paramLabel = "STEP",
      description = "Steps to run, e.g. naive,compression (default: all): ${COMPLETION-CANDIDATES}",
      completionCandidates = StepNames.class)
  List<String> steps = new ArrayList<>();

  @Option(names = "--rate", paramLabel = "REQ/S", defaultValue = "0",
      description = "Open-model offered rate; 0 = 75%% of the first step's maximum (default).")
  double rate;

  @Option(names = "--port", defaultValue = "0", description = "Port of the service under test; 0 = any free one (default).")
  int port;

  @Override
  public Integer call() {
    var out = CliOutput.out(spec);
    var err = CliOutput.err(spec);
    String command = "hotpath " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    DemoConfig config = DemoConfig.builder()
        .cases(cases).quick(quick).out(this.out).db(db).redis(redis).scale(scale).seed(seed)
        .steps(steps).rate(rate).port(port).command(command)
        .build();
    try {
      DemoOutcome outcome = Demo.run(config, out);
      return outcome.exitCode();
    } catch (DemoException e) {
      err.println("hotpath demo: " + e.getMessage());
      return e.exitCode();
    }
  }

  /** For help and completion. */
  static final class CaseNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    CaseNames() {
      super(Demo.caseNames());
    }
  }

  /** For help and completion. */
  static final class StepNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    StepNames() {
      super(Demo.steps().values().stream().flatMap(List::stream).distinct().toList());
    }
  }
}
