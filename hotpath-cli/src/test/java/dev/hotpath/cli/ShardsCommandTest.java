package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShardsCommandTest {
  private static Cli run(String... args) {
    return Cli.run(args);
  }

  private static double fraction(String out) {
    var m = java.util.regex.Pattern.compile("fraction of keys that move: ([0-9.]+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void planPrintsTheMovedFraction() {
    Cli r = run("shards", "plan", "--from", "4", "--to", "5", "--strategy", "jump", "--keys", "100000");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("jump 4 -> 5 shards, 100000 keys");
    assertThat(fraction(r.out())).isBetween(0.19, 0.21); // 1/(n+1)
  }

  @Test
  void moduloMovesMost() {
    Cli r = run("shards", "plan", "--from", "4", "--to", "5", "--strategy", "modulo", "--keys", "100000");
    assertThat(fraction(r.out())).isBetween(0.79, 0.81); // n/(n+1)
  }

  @Test
  void badStrategyIsAUsageError() {
    Cli r = run("shards", "plan", "--from", "4", "--to", "5", "--strategy", "crc32");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("unknown strategy 'crc32'").contains("jump").doesNotContain("Exception");
  }

  @Test
  void badCountIsAUsageError() {
    Cli r = run("shards", "plan", "--from", "0", "--to", "5");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--from and --to");
  }
}
