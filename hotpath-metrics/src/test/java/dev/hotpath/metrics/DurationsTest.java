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
}
