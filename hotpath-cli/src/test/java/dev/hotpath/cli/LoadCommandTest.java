package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.load.LoadConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code hotpath load}'s checks that run before any load is sent (nothing here needs a server). */
class LoadCommandTest {
  private static final String NOWHERE = "http://127.0.0.1:1/";

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

  @Test
  void stagesLongerThanARunMayLastAreRejected() {
    assertThatThrownBy(() -> Cli.<LoadCommand>parse("load", "--stages", "31d:10", NOWHERE).config())
        .isInstanceOf(UsageError.class).hasMessageContaining("--stages");
  }
}
