package dev.hotpath.cli;

import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.report.RegressionLimit;
import dev.hotpath.load.report.ResultComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hotpath compare}: baseline vs candidate, with a significance test, and a CI gate. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compares a baseline with a candidate: P50, P90, P99, P99.9, mean, RPS and",
      "error rate, overall and per endpoint, with the change, its 95%% interval and",
      "whether it is significant. Overall figures: the whole-run figure against a",
      "bootstrap of the baseline's intervals, with a Mann-Whitney U test over the",
      "per-interval values as a second opinion; with 4+ runs per side the per-run",
      "values must differ too (docs/reports.md).",
      "",
      "Refuses a file given twice, a copied run and runs of another plan (model or",
      "schedule; see --allow-mismatch). Writes nothing over an input.",
      "",
      "Examples:",
      "  hotpath compare base.json new.json",
      "  hotpath compare --base a1.json a2.json a3.json a4.json \\",
      "                  --new b1.json b2.json b3.json b4.json",
      "  hotpath compare base.json new.json --fail-on 'p99>+10%%' \\",
      "                  --fail-on 'rps<-5%%' --html compare.html",
      ""
    },
    footer = {
      "Exit codes: 0 ok; 1 a significant regression past a --fail-on limit;",
      "2 bad input; 3 I/O failure; 4 --fail-on given but a result's load generator",
      "was flagged untrustworthy (see --allow-untrustworthy)."
    })
final class CompareCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @Parameters(arity = "0..2", paramLabel = "FILE", description = "BASE.json NEW.json (or use --base and --new).")
  List<Path> pair = new ArrayList<>();

  @Option(names = "--base", arity = "1..*", paramLabel = "FILE", description = "Baseline result(s): several runs of the same test.")
  List<Path> base = new ArrayList<>();

  @Option(names = "--new", arity = "1..*", paramLabel = "FILE", description = "Candidate result(s).")
  List<Path> candidate = new ArrayList<>();

  @Option(names = "--fail-on", paramLabel = "LIMIT",
      description = "Exit 1 when an overall figure changes significantly past this limit: p99>+10%%, mean>+5%%,"
          + " rps<-5%%, error_rate>+0.5%% (percentage points). Repeatable.")
  List<String> failOn = new ArrayList<>();

  @Option(names = "--allow-untrustworthy",
      description = "Apply --fail-on even when a result's load generator was flagged untrustworthy (by default that exits 4).")
  boolean allowUntrustworthy;

  @Option(names = "--allow-mismatch",
      description = "Compare even when the runs' model or schedule differ (by default that is refused, exit 2).")
  boolean allowMismatch;

  @Option(names = "--html", paramLabel = "FILE.html", description = "Also write the comparison as a self-contained HTML page (runs, spectra, table).")
  @Nullable Path html;

  @Override
  public Integer call() throws IOException {
    List<RegressionLimit> limits = new ArrayList<>();
    for (String f : failOn) {
      limits.add(RegressionLimit.parse(f));
    }
    List<Path> b = new ArrayList<>(base);
    List<Path> c = new ArrayList<>(candidate);
    if (pair.size() == 1 && b.isEmpty() && c.isEmpty()) {
      throw new UsageError("compare needs two results, BASE.json NEW.json; got only " + pair.get(0));
    }
    if (!pair.isEmpty()) {
      if (pair.size() != 2 || !b.isEmpty() || !c.isEmpty()) {
        throw new UsageError("give either BASE.json NEW.json, or --base FILE... --new FILE..., not both");
      }
      b.add(pair.get(0));
      c.add(pair.get(1));
    }
    if (b.isEmpty() || c.isEmpty()) {
      throw new UsageError("nothing to compare: give BASE.json NEW.json, or --base FILE... --new FILE...");
    }
    boolean shortNames = names(b).size() + names(c).size()
        == java.util.stream.Stream.concat(names(b).stream(), names(c).stream()).distinct().count();
    List<Path> inputs = new ArrayList<>(b);
    inputs.addAll(c);
    for (int i = 0; i < inputs.size(); i++) {
      for (int j = i + 1; j < inputs.size(); j++) {
        if (OutputFiles.same(inputs.get(i), inputs.get(j))) {
          throw new UsageError(inputs.get(i) + " and " + inputs.get(j)
              + " are the same file: compare needs different runs on the two sides");
        }
      }
    }
    OutputFiles.check("--html", html, inputs.stream()
        .map(p -> new OutputFiles.Input(b.contains(p) ? "baseline" : "candidate", p)).toArray(OutputFiles.Input[]::new));
    List<LoadResult> br = read(b);
    List<LoadResult> cr = read(c);
    List<LoadResult> all = new ArrayList<>(br);
    all.addAll(cr);
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        if (all.get(i).run().startedAt().equals(all.get(j).run().startedAt())
            && all.get(i).overall().equals(all.get(j).overall())) {
          throw new UsageError(inputs.get(i) + " and " + inputs.get(j) + " are the same run (same start, same figures):"
              + " was a file copied? compare needs different runs");
        }
      }
    }
    ResultComparison comparison = ResultComparison.of(br, cr)
        .withNames(shortNames ? names(b) : full(b), shortNames ? names(c) : full(c));
    if (!allowMismatch && !comparison.planDifferences().isEmpty()) {
      throw new UsageError("cannot compare: " + comparison.planDifferences().get(0)
          + "; compare runs of the same plan, or pass --allow-mismatch");
    }
    PrintWriter o = CliOutput.out(spec);
    o.print(comparison.toTable());
    if (html != null) {
      Files.writeString(html, comparison.toHtml());
      o.println("\nhtml: " + html);
    }
    List<String> violations = comparison.violations(limits);
    if (!violations.isEmpty()) {
      o.println();
      violations.forEach(v -> o.println("REGRESSION  " + v));
    }
    boolean untrusted = !comparison.untrustworthy().isEmpty();
    if (untrusted && !limits.isEmpty() && !allowUntrustworthy) {
      o.println();
      o.println("UNTRUSTWORTHY  no verdict on --fail-on: the load generator was a bottleneck in "
          + comparison.untrustworthy().size() + " of the results (listed at the top); rerun them on a quieter machine,"
          + " or pass --allow-untrustworthy to gate anyway");
      o.flush();
      return ExitCodes.UNTRUSTWORTHY;
    }
    o.flush();
    return violations.isEmpty() ? ExitCodes.OK : ExitCodes.REGRESSION;
  }

  /** File names for the table (the paths as given when two files share a name). */
  private static List<String> names(List<Path> files) {
    return files.stream().map(p -> p.getFileName() == null ? p.toString() : p.getFileName().toString()).toList();
  }

  private static List<String> full(List<Path> files) {
    return files.stream().map(Path::toString).toList();
  }

  private static List<LoadResult> read(List<Path> files) throws IOException {
    List<LoadResult> out = new ArrayList<>();
    for (Path f : files) {
      out.add(ReportCommand.readResult(f));
    }
    return out;
  }
}
