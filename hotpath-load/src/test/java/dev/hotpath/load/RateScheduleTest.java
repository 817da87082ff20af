package dev.hotpath.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateScheduleTest {

  @Test
  void constantRateSpacesRequestsExactly() {
    RateSchedule s = RateSchedule.constant(100, Duration.ofSeconds(10));
    assertThat(s.totalRequests()).isEqualTo(1000);
    assertThat(s.intendedOffsetNanos(0)).isZero();
    assertThat(s.intendedOffsetNanos(1)).isEqualTo(10_000_000L);
    assertThat(s.intendedOffsetNanos(999)).isEqualTo(9_990_000_000L);
    assertThat(s.intendedOffsetNanos(1000)).isEqualTo(-1);
  }

  @Test
  void rampsFollowTheIntegralOfTheRate() {
    // 0 -> 100 req/s over 10 s: 500 requests; the first half of the time holds a quarter of them
    RateSchedule s = RateSchedule.parseStages("10s:100");
    assertThat(s.totalRequests()).isEqualTo(500);
    assertThat(s.intendedOffsetNanos(125) / 1e9).isCloseTo(5.0, within(1e-6));
    // then steady, then down: 500 + 1000 + 500
    RateSchedule three = RateSchedule.parseStages("10s:100,10s:100,10s:0");
    assertThat(three.totalRequests()).isEqualTo(2000);
    assertThat(three.intendedOffsetNanos(500) / 1e9).isCloseTo(10.0, within(1e-6));
    assertThat(three.intendedOffsetNanos(1500) / 1e9).isCloseTo(20.0, within(1e-6));
    assertThat(three.intendedOffsetNanos(1875) / 1e9).isCloseTo(25.0, within(1e-6));
    assertThat(three.rateAt(Duration.ofSeconds(25))).isCloseTo(50, within(1e-9));
    long prev = -1;
    for (long k = 0; k < three.totalRequests(); k++) {
      long t = three.intendedOffsetNanos(k);
      assertThat(t).isGreaterThanOrEqualTo(prev);
      prev = t;
    }
  }

  @Test
  void badInputNamesTheSetting() {
    assertThatThrownBy(() -> RateSchedule.parseRate("--rate", "fast")).hasMessageContaining("--rate: 'fast' is not a rate");
    assertThatThrownBy(() -> RateSchedule.parseRate("--rate", "0")).hasMessageContaining("--rate must be > 0");
    assertThatThrownBy(() -> RateSchedule.parseStages("30s")).hasMessageContaining("not DURATION:RATE");
    assertThatThrownBy(() -> RateSchedule.parseStages("3x:10")).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> RateSchedule.parseStages("10s:0")).hasMessageContaining("plans no request");
    assertThat(RateSchedule.parseRate("--rate", "6000/m")).isEqualTo(100);
    assertThat(DurationParser.parse("--duration", "1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationParser.parse("--duration", "250ms")).isEqualTo(Duration.ofMillis(250));
  }
}
