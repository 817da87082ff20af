package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ShardsCommandTest {
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = HotpathCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  private static double fraction(String out) {
    var m = java.util.regex.Pattern.compile("fraction of keys that move: ([0-9.]+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void planPrintsTheMovedFraction() {
    Run r = run("shards", "plan", "--from", "4", "--to", "5", "--strategy", "jump", "--keys", "100000");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("jump 4 -> 5 shards, 100000 keys");
    assertThat(fraction(r.out())).isBetween(0.19, 0.21); // 1/(n+1)
  }

  @Test
  void moduloMovesMost() {
    Run r = run("shards", "plan", "--from", "4", "--to", "5", "--strategy", "modulo", "--keys", "100000");
    assertThat(fraction(r.out())).isBetween(0.79, 0.81); // n/(n+1)
  }

  @Test
  void badStrategyIsAUsageError() {
    Run r = run("shards", "plan", "--from", "4", "--to", "5", "--strategy", "crc32");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("unknown strategy 'crc32'").contains("jump").doesNotContain("Exception");
  }

  @Test
  void badCountIsAUsageError() {
    Run r = run("shards", "plan", "--from", "0", "--to", "5");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--from and --to");
  }
}
