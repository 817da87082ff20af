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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hotpath report}, {@code compare} and {@code merge} end to end: files in, output and exit codes out. */
class ResultCommandsTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = HotpathCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  /** 30 one-second intervals at 100/s; latency ~20 ms times {@code scale}; shard {@code i} of {@code n} owns k % n == i. */
  private Path result(String name, double scale, long seed, int shard, int shards) throws Exception {
    List<IntervalStats> intervals = new ArrayList<>();
    List<LatencySnapshot> all = new ArrayList<>();
    long planned = 0;
    for (int s = 0; s < 30; s++) {
      List<Long> v = new ArrayList<>();
      for (int j = 0; j < 100; j++) {
        long k = s * 100L + j;
        if (k % shards == shard) {
          v.add(Math.round(20e6 * scale * Math.exp(0.25 * new SplittableRandom(seed * 7919 + k).nextGaussian())));
        }
      }
      LatencySnapshot l = LatencySnapshot.of(v.stream().mapToLong(Long::longValue).toArray());
      planned += v.size();
      all.add(l);
      intervals.add(new IntervalStats(Duration.ofSeconds(s), Duration.ofSeconds(1), v.size(), v.size(), 0, 0, 0, l, l));
    }
    LatencySnapshot lat = LatencySnapshot.merge(all);
    EndpointStats ep = new EndpointStats("GET /", Duration.ofSeconds(30), planned, planned, Map.of(), 0,
        Map.of(200, planned), 0, 0, lat, lat, Map.of());
    RunInfo run = new RunInfo("hotpath test", Instant.parse("2026-11-29T15:00:00Z"), Duration.ofSeconds(30),
        Duration.ZERO, LoadModel.OPEN, "http://127.0.0.1:8080/", "rate 100/s for 30s", 4, 1, false,
        shards == 1 ? Map.of() : Map.of("shard", shard + "/" + shards));
    LoadResult r = new LoadResult(run, overall(ep), List.of(ep),
        intervals, List.of(), GeneratorHealth.unknown());
    Path f = dir.resolve(name);
    LoadResultJson.write(r, f);
    return f;
  }

  private static EndpointStats overall(EndpointStats ep) {
    return new EndpointStats("overall", ep.elapsed(), ep.planned(), ep.successes(), ep.errors(), ep.dropped(),
        ep.statusCodes(), ep.bytesSent(), ep.bytesReceived(), ep.latency(), ep.serviceTime(), ep.serverTiming());
  }

  @Test
  void compareExitsOneOnASignificantRegressionPastTheLimit() throws Exception {
    Path base = result("base.json", 1.0, 1, 0, 1);
    Path same = result("same.json", 1.0, 3, 0, 1); // another run of the same system
    Path slow = result("slow.json", 1.3, 2, 0, 1);
    assertThat(run("compare", base.toString(), same.toString(), "--fail-on", "p99>+10%")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("Mann-Whitney U").doesNotContain("REGRESSION").doesNotContain("warning");
    Path html = dir.resolve("cmp.html");
    assertThat(run("compare", base.toString(), slow.toString(), "--fail-on", "p99>+10%", "--html", html.toString()))
        .isEqualTo(ExitCodes.REGRESSION);
    assertThat(out.toString()).contains("REGRESSION  p99>+10%: p99 +").contains("worse");
    assertThat(Files.readString(html)).contains("<svg");
    assertThat(run("compare", base.toString(), slow.toString(), "--fail-on", "p99>+90%")).isEqualTo(ExitCodes.OK);
    Path slow2 = result("slow2.json", 1.3, 4, 0, 1);
    assertThat(run("compare", "--base", base.toString(), same.toString(), "--new", slow.toString(), slow2.toString()))
        .isEqualTo(ExitCodes.OK);
  }

  /** A copy of {@code file} whose load generator was flagged untrustworthy. */
  private Path untrustworthy(Path file, String name) throws Exception {
    LoadResult r = LoadResultJson.read(file);
    GeneratorHealth bad = new GeneratorHealth(LatencySnapshot.of(400_000_000L), 0.97, 3, Duration.ofMillis(40), false,
        List.of("the generator sent late: schedule lag p99 400ms"));
    Path f = dir.resolve(name);
    LoadResultJson.write(new LoadResult(r.run(), r.overall(), r.endpoints(), r.intervals(), r.thresholds(), bad), f);
    return f;
  }

  /** An untrustworthy side used to pass the gate silently. */
  @Test
  void compareGatesNothingOnAnUntrustworthyGenerator() throws Exception {
    Path base = result("base.json", 1.0, 1, 0, 1);
    Path slow = untrustworthy(result("slow.json", 1.3, 2, 0, 1), "slow-bad.json");
    assertThat(run("compare", base.toString(), slow.toString())).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).startsWith("RESULTS NOT TRUSTWORTHY")
        .contains("slow-bad.json: the generator sent late: schedule lag p99 400ms");
    assertThat(run("compare", base.toString(), slow.toString(), "--fail-on", "p99>+10%"))
        .isEqualTo(ExitCodes.UNTRUSTWORTHY);
    assertThat(out.toString()).contains("UNTRUSTWORTHY  no verdict on --fail-on").contains("--allow-untrustworthy");
    assertThat(run("compare", base.toString(), slow.toString(), "--fail-on", "p99>+10%", "--allow-untrustworthy"))
        .isEqualTo(ExitCodes.REGRESSION);
    Path html = dir.resolve("c.html");
    run("compare", base.toString(), slow.toString(), "--html", html.toString());
    assertThat(Files.readString(html)).contains("RESULTS NOT TRUSTWORTHY").contains("slow-bad.json");
  }

  /** A copy of {@code file} with another target and schedule. */
  private Path replanned(Path file, String name, String target, String schedule) throws Exception {
    LoadResult r = LoadResultJson.read(file);
    RunInfo i = r.run();
    RunInfo changed = new RunInfo(i.tool(), i.startedAt().plusSeconds(60), i.duration(), i.warmup(), i.model(), target,
        schedule, i.connections(), i.pipelining(), i.interrupted(), i.labels(), i.protocol(), i.transport());
    Path f = dir.resolve(name);
    LoadResultJson.write(new LoadResult(changed, r.overall(), r.endpoints(), r.intervals(), r.thresholds(),
        r.generator()), f);
    return f;
  }

  /** Comparing a file with itself (or a copy) used to report "no change" and pass any gate. */
  @Test
  void compareRefusesTheSameRunAndDifferentPlans() throws Exception {
    Path base = result("base.json", 1.0, 1, 0, 1);
    Files.createDirectories(dir.resolve("sub"));
    assertThat(run("compare", base.toString(), base.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("are the same file").doesNotContain("Exception");
    assertThat(run("compare", base.toString(), dir.resolve("sub/../base.json").toString())).isEqualTo(ExitCodes.USAGE);
    Path copy = dir.resolve("copy.json");
    Files.copy(base, copy);
    assertThat(run("compare", base.toString(), copy.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("are the same run");
    assertThat(run("compare", "--base", base.toString(), base.toString(), "--new", result("n.json", 1.0, 5, 0, 1)
        .toString())).isEqualTo(ExitCodes.USAGE);

    Path faster = replanned(result("f.json", 1.0, 6, 0, 1), "faster.json", "http://127.0.0.1:8080/", "rate 200/s for 30s");
    err.getBuffer().setLength(0);
    assertThat(run("compare", base.toString(), faster.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString().strip()).isEqualTo("hotpath compare: cannot compare: different schedule: base.json has"
        + " 'rate 100/s for 30s', faster.json has 'rate 200/s for 30s'; compare runs of the same plan, or pass"
        + " --allow-mismatch");
    assertThat(run("compare", base.toString(), faster.toString(), "--allow-mismatch")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("warning: different schedule");

    Path other = replanned(result("o.json", 1.0, 7, 0, 1), "other.json", "http://127.0.0.1:9090/", "rate 100/s for 30s");
    out.getBuffer().setLength(0);
    assertThat(run("compare", base.toString(), other.toString())).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).startsWith("warning: different target: base.json has 'http://127.0.0.1:8080/',"
        + " other.json has 'http://127.0.0.1:9090/'");
  }

  /** Each of these used to overwrite an input with its output. */
  @Test
  void noCommandOverwritesAnInput() throws Exception {
    Path r = result("r.json", 1.0, 1, 0, 1);
    Path b = result("b.json", 1.0, 2, 0, 1);
    byte[] before = Files.readAllBytes(r);
    assertThat(run("report", r.toString(), "-o", r.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("-o " + r + " is also the RESULT.json file; writing it would destroy that input");
    assertThat(run("report", r.toString(), "--write-json", dir.resolve("./r.json").toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(run("compare", r.toString(), b.toString(), "--html", r.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--html " + r + " is also the baseline file");
    Path s0 = result("s0.json", 1.0, 1, 0, 2);
    Path s1 = result("s1.json", 1.0, 1, 1, 2);
    byte[] shard = Files.readAllBytes(s0);
    assertThat(run("merge", s0.toString(), s1.toString(), "-o", s0.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("-o " + s0 + " is also the SHARD.json file").doesNotContain("Exception");
    assertThat(Files.readAllBytes(r)).isEqualTo(before);
    assertThat(Files.readAllBytes(s0)).isEqualTo(shard);
    assertThat(run("compare", r.toString(), b.toString(), "--html", dir.resolve("no/such/dir/c.html").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("does not exist; create it first");
    assertThat(out.toString()).isEmpty(); // refused before any work
  }

  /** The '%' in the examples used to make picocli warn and print them raw; long lines were cut mid-sentence. */
  @Test
  void helpFormatsCleanlyAndNamesTheExitCodes() {
    java.io.PrintStream stderr = System.err;
    java.io.ByteArrayOutputStream picocliWarnings = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(picocliWarnings, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      helpOf("compare", "report", "merge");
    } finally {
      System.setErr(stderr);
    }
    assertThat(picocliWarnings.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
  }

  private void helpOf(String... commands) {
    for (String command : commands) {
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      assertThat(run(command, "--help")).isEqualTo(ExitCodes.OK);
      String help = out.toString();
      assertThat(err.toString()).as(command).isEmpty();
      assertThat(help).as(command).doesNotContain("WARN").contains("Exit codes: 0 ok").contains("Examples:");
      assertThat(help.lines()).as(command).allMatch(l -> l.length() <= 80);
    }
    assertThat(out.toString()).isNotEmpty();
  }

  @Test
  void compareRejectsBadInputWithExitTwo() throws Exception {
    Path base = result("base.json", 1.0, 1, 0, 1);
    assertThat(run("compare", base.toString(), result("b2.json", 1.0, 2, 0, 1).toString(), "--fail-on", "p99>10"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--fail-on");
    assertThat(run("compare", base.toString(), dir.resolve("missing.json").toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("missing.json: no such file");
    assertThat(run("compare", base.toString())).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void mergeAddsShardsAndReportChecksGlobalThresholds() throws Exception {
    List<String> args = new ArrayList<>(List.of("merge"));
    for (int i = 0; i < 3; i++) {
      args.add(result("shard-" + i + ".json", 1.0, 1, i, 3).toString());
    }
    Path total = dir.resolve("total.json");
    args.addAll(List.of("-o", total.toString()));
    assertThat(run(args.toArray(String[]::new))).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("merged 3 results").contains("3000 planned");
    LoadResult merged = LoadResultJson.read(total);
    LoadResult whole = LoadResultJson.read(result("whole.json", 1.0, 1, 0, 1));
    assertThat(merged.overall().latency()).isEqualTo(whole.overall().latency());

    assertThat(run("report", total.toString(), "--threshold", "p99<1s")).isEqualTo(ExitCodes.OK);
    assertThat(dir.resolve("total.html")).isNotEmptyFile();
    assertThat(run("report", total.toString(), "-o", dir.resolve("r.html").toString(), "--threshold", "p99<1ms"))
        .isEqualTo(ExitCodes.THRESHOLD_FAILED);
    assertThat(out.toString()).contains("FAIL  p99<1ms");
    assertThat(run("report", total.toString(), "--threshold", "p99<1")).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void mergeRefusesShardsGivenTwice() throws Exception {
    Path s0 = result("shard-0.json", 1.0, 1, 0, 2);
    assertThat(run("merge", s0.toString(), s0.toString(), "-o", dir.resolve("t.json").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("more than one result").contains("shard-0.json");
    assertThat(dir.resolve("t.json")).doesNotExist();
  }
}
