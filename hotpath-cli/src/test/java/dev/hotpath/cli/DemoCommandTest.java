package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hotpath demo}'s bad input: one line, exit 2, nothing started and no results folder left behind. */
class DemoCommandTest {
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = HotpathCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static void assertOneLineExitTwo(Run r, String message) {
    assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains(message);
    assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void helpShowsExamplesAndExitCodes() {
    Run r = run("demo", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("hotpath demo --quick").contains("--steps").contains("--db").contains("--redis")
        .contains("1 a step failed").contains("3 verify mismatch");
  }

  @Test
  void anUnknownCaseOrStepIsBadInput(@TempDir Path dir) {
    assertOneLineExitTwo(run("demo", "nope", "--out", dir.resolve("a").toString()), "unknown case study 'nope'");
    assertOneLineExitTwo(run("demo", "--steps", "turbo", "--out", dir.resolve("b").toString()), "unknown step 'turbo'");
    assertThat(dir.resolve("a")).doesNotExist();
  }

  @Test
  void aNonEmptyOutIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("old.json"), "{}");
    assertOneLineExitTwo(run("demo", "--out", dir.toString()), "is not empty");
    assertThat(dir.resolve("old.json")).hasContent("{}");
  }

  @Test
  void aBusyPortIsBadInput(@TempDir Path dir) throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertOneLineExitTwo(run("demo", "--port", Integer.toString(busy.getLocalPort()), "--out", dir.resolve("o").toString()),
          "--port " + busy.getLocalPort() + " is busy");
    }
  }

  @Test
  void anUnreachableDatabaseIsBadInput(@TempDir Path dir) {
    Run r = run("demo", "--db", "jdbc:postgresql://127.0.0.1:1/nothing?password=secret", "--redis", "none",
        "--out", dir.resolve("o").toString());
    assertOneLineExitTwo(r, "--db jdbc:postgresql://127.0.0.1:1/nothing?password=***: cannot connect");
    assertThat(r.err()).doesNotContain("secret").contains("--db embedded");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void badValuesAreBadInput() {
    assertOneLineExitTwo(run("demo", "--scale", "0"), "--scale must be in [0.01, 100], was 0.0");
    assertOneLineExitTwo(run("demo", "--db", "mysql"), "--db must be auto, embedded, h2 or a JDBC URL");
    assertOneLineExitTwo(run("demo", "--redis", "localhost"), "--redis must be auto, none or a redis:// URI");
  }
}
