package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.load.LoadConfig;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hotpath load}'s checks that run before any load is sent (nothing here needs a server). */
class LoadCommandTest {
  private static final String NOWHERE = "http://127.0.0.1:1/";

  @TempDir Path dir;

  /** A usage error: exit 2, one line on stderr naming the problem, no Java internals. */
  private static void assertUsageError(Cli r, String... mustContain) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).as(r.toString()).contains(mustContain).doesNotContain("Exception").doesNotContain("at dev.");
  }

  @Test
  void theBodyFileOfDashDIsReadByUsNotExpandedByPicocli() throws Exception {
    Path body = dir.resolve("body.json");
    Files.writeString(body, "{\"user\": 7, \"note\": \"two words\"}\n");
    LoadCommand c = Cli.parse("load", "-d", "@" + body, "--rate", "10", NOWHERE);
    var request = c.config().scenario().requests().get(0);
    assertThat(request.body()).isEqualTo("{\"user\": 7, \"note\": \"two words\"}\n");
    assertThat(request.method()).isEqualTo("POST");
  }

  @Test
  void aBodyFileThatCannotBeReadIsOneClearLine() throws Exception {
    assertUsageError(Cli.run("load", "-d", "@" + dir, NOWHERE), "-d @" + dir, "is a directory, not a file");
    assertUsageError(Cli.run("load", "-d", "@" + dir.resolve("missing.json"), NOWHERE), "missing.json does not exist");
    Path latin1 = dir.resolve("latin1.txt");
    Files.write(latin1, new byte[] {'c', 'a', 'f', (byte) 0xE9});
    assertUsageError(Cli.run("load", "-d", "@" + latin1, NOWHERE), "latin1.txt is not UTF-8 text");
    assertUsageError(Cli.run("load", "-d", "@", NOWHERE), "give a file name after @");
  }

  @Test
  void outputPathsAreCheckedBeforeTheRunStarts() throws Exception {
    // the target is unreachable: had the run started, the message would say so instead
    assertUsageError(Cli.run("load", "--out", "/nonexistent/dir/x.json", NOWHERE),
        "--out /nonexistent/dir/x.json", "/nonexistent/dir does not exist");
    assertUsageError(Cli.run("load", "--html", "/nonexistent/dir/x.html", NOWHERE), "--html", "does not exist");
    assertUsageError(Cli.run("load", "--out", dir.toString(), NOWHERE), "is a directory; give a file name");
    Path both = dir.resolve("r.json");
    assertUsageError(Cli.run("load", "--out", both.toString(), "--html", both.toString(), NOWHERE), "the same file");
  }

  @Test
  void anOutputThatIsAnInputIsRefused() throws Exception {
    Path body = dir.resolve("body.json");
    Files.writeString(body, "{}");
    assertUsageError(Cli.run("load", "-d", "@" + body, "--out", body.toString(), NOWHERE),
        "--out " + body + " is also the -d @FILE file");
    assertThat(body).hasContent("{}");
    Path scenario = dir.resolve("s.yaml");
    Files.writeString(scenario, "requests:\n  - url: http://127.0.0.1:1/\n");
    assertUsageError(Cli.run("load", "--scenario", scenario.toString(), "--html", dir.resolve("./s.yaml").toString()),
        "is also the --scenario file");
  }

  @Test
  void aDurationThatOverflowsIsRejectedNotRunForever() {
    Cli r = Cli.run("load", "--duration", "99999999h", NOWHERE);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--duration").contains("'99999999h' is too long");
    Cli year = Cli.run("load", "--duration", "9999h", NOWHERE);
    assertThat(year.err()).as(year.toString()).contains("--duration 9999h is longer than a run may last (30 days)");
    assertThat(year.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void durationMessagesNeverShowIsoDurations() {
    Cli r = Cli.run("load", "--duration", "0s", NOWHERE);
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).as(r.toString()).contains("--duration must be more than 0s").doesNotContain("PT");
    Cli t = Cli.run("load", "--timeout", "0ms", NOWHERE);
    assertThat(t.err()).as(t.toString()).contains("--timeout must be more than 0s").doesNotContain("PT");
  }

  @Test
  void everyDurationFlagSpeaksTheOneGrammar() throws Exception {
    LoadCommand c = Cli.parse("load", "--duration", "1m30s", "--warmup", "1.5s", "--timeout", "250ms",
        "--interval", "500ms", "--start-at", "+1m30s", "--threshold", "p99<1m30s", NOWHERE);
    assertThat(c.duration).isEqualTo(Duration.ofSeconds(90));
    Instant before = Instant.now();
    LoadConfig config = c.config();
    assertThat(config.warmup()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.timeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.interval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.runLength()).isEqualTo(Duration.ofMillis(91_500));
    Instant start = java.util.Objects.requireNonNull(config.startAt()).instant();
    assertThat(Duration.between(before, start)).isBetween(Duration.ofSeconds(89), Duration.ofSeconds(91));
    Cli bad = Cli.run("load", "--warmup", "3x", NOWHERE);
    assertThat(bad.err()).contains("--warmup").contains("'3x' is not a duration (e.g. 250ms, 30s, 1m30s, 2h)");
    Cli badStart = Cli.run("load", "--start-at", "+3x", NOWHERE);
    assertThat(badStart.err()).contains("--start-at").contains("+DURATION").doesNotContain("--start-at: --start-at");
  }

  /** -c 100000 with ulimit -n 20000 printed 80 000 stack traces and the JVM died with "errno: 24". */
  @Test
  void moreConnectionsThanOpenFilesAreRefusedBeforeTheRun() {
    assertThatThrownBy(() -> LoadCommand.checkOpenFiles(100_000, 20_000))
        .isInstanceOf(UsageError.class)
        .hasMessage("-c 100000 needs 100256 open files, but this process may open 20000 (ulimit -n): lower -c to 19744"
            + " or raise the limit (ulimit -n 100256)");
    LoadCommand.checkOpenFiles(16, 1024);
    LoadCommand.checkOpenFiles(100_000, -1); // unknown limit: the run tells
  }

  @Test
  void configMessagesNameTheFlag() {
    assertUsageError(Cli.run("load", "--io-threads", "0", NOWHERE), "--io-threads must be in [1, 1024], was 0");
    assertUsageError(Cli.run("load", "--queue", "-1", NOWHERE), "--queue must be in");
    assertUsageError(Cli.run("load", "--start-at", "+99999999h", NOWHERE), "'+99999999h' is too long");
  }

  @Test
  void stagesLongerThanARunMayLastAreRejected() {
    assertThatThrownBy(() -> Cli.<LoadCommand>parse("load", "--stages", "31d:10", NOWHERE).config())
        .isInstanceOf(UsageError.class).hasMessageContaining("--stages");
  }
}
