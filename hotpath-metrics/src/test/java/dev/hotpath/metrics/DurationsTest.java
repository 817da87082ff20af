package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void longDurationsSaturateInsteadOfOverflowing() {
    assertThat(Durations.toNanosSaturated(ChronoUnit.FOREVER.getDuration())).isEqualTo(Long.MAX_VALUE);
    assertThat(Durations.toNanosSaturated(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    assertThat(Durations.toNanosSaturated(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    assertThat(Durations.toMillisSaturated(ChronoUnit.FOREVER.getDuration())).isEqualTo(Long.MAX_VALUE);
    assertThat(Durations.toMillisSaturated(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void ordinaryDurationsConvertExactly() {
    assertThat(Durations.toNanosSaturated(Duration.ofMillis(1500))).isEqualTo(1_500_000_000L);
    assertThat(Durations.toNanosSaturated(Duration.ofNanos(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    assertThat(Durations.toMillisSaturated(Duration.ofNanos(-1_500_000))).isEqualTo(Duration.ofNanos(-1_500_000).toMillis());
    assertThat(Durations.toMillisSaturated(Duration.ZERO)).isZero();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "500ms, 500000000", "30s, 30000000000", "1m30s, 90000000000", "2h, 7200000000000", "1.5s, 1500000000",
    "250us, 250000", "250µs, 250000", "7ns, 7", "2, 2000000000", "0.5, 500000000", "1d, 86400000000000",
    "5min, 300000000000", "' 10s ', 10000000000", "0s, 0", "1h1m1s, 3661000000000"
  })
  void parsesTheOneGrammar(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"", "s", "10q", "-1s", "1x", "1s2", "1.s", "PT1S", "1 s"})
  void rejectsWhatIsNotADuration(String text) {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse(text))
        .withMessageContaining("is not a duration (e.g. 250ms, 30s, 1m30s, 2h)");
  }

  @Test
  void rejectsWhatOverflowsInsteadOfSaturating() {
    // 99999999h would run for 292 years (Long.MAX_VALUE ns) and show no end in the progress
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse("99999999h"))
        .withMessage("'99999999h' is too long (at most 106751 days)");
    assertThat(Durations.parse("106751d")).isEqualTo(Duration.ofDays(106751));
  }

  @Test
  void formatsWhatParseReads() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(Durations.format(Duration.ofNanos(250_000))).isEqualTo("250us");
    assertThat(Durations.format(Duration.ofNanos(1_000_000_001))).isEqualTo("1.000000001s");
    for (Duration d : new Duration[] {Duration.ofMillis(1), Duration.ofSeconds(3661), Duration.ofNanos(1_000_000_001)}) {
      assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
  }
}
