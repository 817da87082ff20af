package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HotpathCommandTest {

  private static Cli run(String... args) {
    return Cli.run(args);
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    Cli r = run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: hotpath").contains("Commands:").contains("generate-completion");
    assertThat(r.out()).contains("Exit codes:").contains("99 a threshold failed");
  }

  @Test
  void noCommandPrintsUsage() {
    Cli r = run();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: hotpath");
  }

  @Test
  void versionNamesTheJvm() {
    Cli r = run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("hotpath ").contains("JVM: ");
  }

  @Test
  void unknownFlagIsOneClearLineAndExitTwo() {
    Cli r = run("--frobnicate");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Unknown option: '--frobnicate'").contains("--help");
    assertThat(r.err()).doesNotContain("at picocli.").doesNotContain("Exception");
  }

  @Test
  void completionScriptIsGenerated() {
    Cli r = run("generate-completion");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("complete").contains("hotpath");
  }
}
