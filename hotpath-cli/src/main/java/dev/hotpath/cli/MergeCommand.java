package dev.hotpath.cli;

import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadResultJson;
import dev.hotpath.load.result.ResultMerger;
import dev.hotpath.metrics.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hotpath merge}: the shards of a distributed run into one result, exactly. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merges the results of a distributed run's shards ('hotpath load --shard",
      "i/N') into one: counts and histograms add up exactly (percentiles are never",
      "averaged). Refuses results of different runs (target, schedule, scenario,",
      "format version), shards given twice, and an output that is an input.",
      "",
      "Examples:",
      "  hotpath merge results/shard-*.json -o total.json",
      "  hotpath report total.json --threshold 'p99<200ms'",
      ""
    },
    footer = {"Exit codes: 0 ok; 2 bad input or results that do not belong together;", "3 I/O failure."})
final class MergeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "SHARD.json", description = "The shards' results.")
  List<Path> inputs = new ArrayList<>();

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.json", description = "Where to write the merged result.")
  @Nullable Path out;

  @Override
  public Integer call() throws IOException {
    for (Path p : inputs) {
      if (!Files.isRegularFile(p)) {
        throw new UsageError(p + ": no such file");
      }
    }
    OutputFiles.check("-o", Objects.requireNonNull(out),
        inputs.stream().map(p -> new OutputFiles.Input("SHARD.json", p)).toArray(OutputFiles.Input[]::new));
    LoadResult merged;
    try {
      merged = ResultMerger.mergeFiles(inputs);
    } catch (IllegalArgumentException e) {
      throw new UsageError(String.valueOf(e.getMessage()), e);
    }
    Path target = Objects.requireNonNull(out);
    LoadResultJson.write(merged, target);
    EndpointStats all = merged.overall();
    PrintWriter o = CliOutput.out(spec);
    o.printf(Locale.ROOT, "merged %d results into %s: %d planned, %d completed, %.1f req/s, p50 %s, p99 %s, errors %.2f%%%n",
        inputs.size(), target, all.planned(), all.completed(), all.rps(), Durations.format(all.latency().p50()),
        Durations.format(all.latency().p99()), all.errorRate() * 100);
    merged.generator().warnings().forEach(w -> o.println("warning: " + w));
    o.flush();
    return ExitCodes.OK;
  }
}
