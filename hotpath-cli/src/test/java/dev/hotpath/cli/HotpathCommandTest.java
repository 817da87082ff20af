package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HotpathCommandTest {

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

  @Test
  void helpListsTheCommandsAndExitCodes() {
    Run r = run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: hotpath").contains("Commands:").contains("generate-completion");
    assertThat(r.out()).contains("Exit codes:").contains("99 a threshold failed");
  }

  @Test
  void noCommandPrintsUsage() {
    Run r = run();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: hotpath");
  }

  @Test
  void versionNamesTheJvm() {
    Run r = run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("hotpath ").contains("JVM: ");
  }

  @Test
  void unknownFlagIsOneClearLineAndExitTwo() {
    Run r = run("--frobnicate");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Unknown option: '--frobnicate'").contains("--help");
    assertThat(r.err()).doesNotContain("at picocli.").doesNotContain("Exception");
  }

  @Test
  void completionScriptIsGenerated() {
    Run r = run("generate-completion");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("complete").contains("hotpath");
  }
}
