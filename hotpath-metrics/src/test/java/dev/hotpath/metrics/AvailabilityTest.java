package dev.hotpath.metrics;

import static dev.hotpath.metrics.Availability.Interval.failing;
import static dev.hotpath.metrics.Availability.Interval.up;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

  @Test
  void knownTimeline() {
    // 100 s: up 40, down 5, up 30, down 3 + 2 (one incident), up 20
    List<Availability.Interval> timeline =
        List.of(
            up(Duration.ofSeconds(40)),
            failing(Duration.ofSeconds(5)),
            up(Duration.ofSeconds(30)),
            failing(Duration.ofSeconds(3)),
            failing(Duration.ofSeconds(2)),
            up(Duration.ofSeconds(20)));
    Availability a = Availability.of(timeline);
    assertThat(a.availability()).isEqualTo(0.90);
    assertThat(a.incidents()).isEqualTo(2);
    assertThat(a.downtime()).isEqualTo(Duration.ofSeconds(10));
    assertThat(a.mttr()).isEqualTo(Duration.ofSeconds(5));
    assertThat(a.mtbf()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void noIncidents() {
    Availability a = Availability.of(List.of(up(Duration.ofSeconds(60))));
    assertThat(a.availability()).isEqualTo(1.0);
    assertThat(a.incidents()).isZero();
    assertThat(a.mttr()).isEqualTo(Duration.ZERO);
    assertThat(a.mtbf()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void emptyTimelineIsFullyAvailable() {
    assertThat(Availability.of(List.of()).availability()).isEqualTo(1.0);
  }

  @Test
  void failingAtBothEnds() {
    Availability a =
        Availability.of(
            List.of(failing(Duration.ofSeconds(1)), up(Duration.ofSeconds(8)), failing(Duration.ofSeconds(1))));
    assertThat(a.incidents()).isEqualTo(2);
    assertThat(a.availability()).isEqualTo(0.8);
    assertThat(a.mttr()).isEqualTo(Duration.ofSeconds(1));
  }
}
