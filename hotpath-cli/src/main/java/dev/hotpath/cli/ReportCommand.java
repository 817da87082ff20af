package dev.hotpath.cli;

import dev.hotpath.load.report.HtmlReport;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadResultJson;
import dev.hotpath.load.result.ResultThresholds;
import dev.hotpath.load.result.ThresholdResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hotpath report}: the HTML report of a result, and global thresholds on it (e.g. after a merge). */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the self-contained HTML report of a result (charts as inline SVG, no",
      "network needed to view it) and evaluates --threshold expressions on it, e.g.",
      "on the merged result of a distributed run. Writes nothing over its input.",
      "",
      "Examples:",
      "  hotpath report result.json -o report.html",
      "  hotpath report total.json --threshold 'p99<200ms' \\",
      "                 --threshold 'error_rate<0.1%%'",
      ""
    },
    footer = {"Exit codes: 0 ok; 2 bad input; 3 I/O failure; 99 a threshold failed."})
final class ReportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RESULT.json", description = "A result of 'hotpath load --out' or 'hotpath merge'.")
  @Nullable Path result;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE.html",
      description = "Where to write the HTML report (default: the result's name with .html).")
  @Nullable Path out;

  @Option(names = "--threshold", paramLabel = "EXPR",
      description = "A pass/fail limit on the overall figures, e.g. p99<200ms, error_rate<0.1%%, rps>=1000"
          + " (repeatable); exit 99 if one fails.")
  List<String> thresholds = new ArrayList<>();

  @Option(names = "--write-json", paramLabel = "FILE.json",
      description = "Also write the result with the threshold verdicts to this file.")
  @Nullable Path writeJson;

  @Override
  public Integer call() throws IOException {
    PrintWriter o = CliOutput.out(spec);
    Path in = java.util.Objects.requireNonNull(result);
    Path html = out != null ? out : defaultHtml(in);
    OutputFiles.Input input = new OutputFiles.Input("RESULT.json", in);
    OutputFiles.check(out != null ? "-o" : "the report (default name)", html, input);
    OutputFiles.check("--write-json", writeJson, input, new OutputFiles.Input("-o", html));
    LoadResult r = readResult(in);
    if (!thresholds.isEmpty()) {
      r = ResultThresholds.evaluate(r, thresholds);
    }
    HtmlReport.write(r, html);
    o.println("report: " + html);
    if (writeJson != null) {
      LoadResultJson.write(r, writeJson);
      o.println("result with verdicts: " + writeJson);
    }
    for (ThresholdResult t : r.thresholds()) {
      o.println((t.passed() ? "PASS  " : "FAIL  ") + t.expression() + "  (" + t.actual() + ")");
    }
    o.flush();
    return r.thresholdsPassed() ? ExitCodes.OK : ExitCodes.THRESHOLD_FAILED;
  }

  static Path defaultHtml(Path in) {
    String name = in.getFileName().toString();
    String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return in.resolveSibling(base + ".html");
  }

  /** Reads a result; a missing or malformed file is the user's to fix (exit 2), naming the file. */
  static LoadResult readResult(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UsageError(file + ": no such file");
    }
    try {
      return LoadResultJson.read(file);
    } catch (NoSuchFileException e) {
      throw new UsageError(file + ": no such file", e);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new UsageError(file + " is not a hotpath result: not UTF-8 text", e);
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      // not the JSON parser's "Unexpected character ('<' (code 60))": say what the file is not
      throw new UsageError(file + (m.startsWith("not JSON") ? " is not a hotpath result: not JSON"
          + " (results are written by 'hotpath load --out' and 'hotpath merge')" : ": " + m), e);
    }
  }
}
