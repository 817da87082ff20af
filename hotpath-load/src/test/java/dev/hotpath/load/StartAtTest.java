package dev.hotpath.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartAtTest {
  private static final Instant NOW = Instant.parse("2026-11-29T15:00:00Z");

  /** A clock that moves only when slept on. */
  private static final class FakeClock implements InstantSource, StartAt.Sleeper {
    Instant now;
    final List<Duration> sleeps = new ArrayList<>();

    FakeClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public void sleep(Duration d) {
      sleeps.add(d);
      now = now.plus(d);
    }
  }

  @Test
  void parsesInstantsAndDelays() {
    assertThat(StartAt.parse("2026-11-29T15:02:00Z", NOW).instant()).isEqualTo(NOW.plusSeconds(120));
    assertThat(StartAt.parse("+30s", NOW).instant()).isEqualTo(NOW.plusSeconds(30));
    assertThat(StartAt.parse("+1500ms", NOW).instant()).isEqualTo(NOW.plusMillis(1500));
    assertThat(StartAt.parse("+2m", NOW).delayFrom(NOW)).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> StartAt.parse("15:00", NOW)).hasMessageContaining("--start-at")
        .hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> StartAt.parse("+soon", NOW)).hasMessageContaining("+DURATION");
    assertThatThrownBy(() -> StartAt.parse("2026-12-29T15:00:00Z", NOW)).hasMessageContaining("more than 24 h away");
  }

  @Test
  void waitsUntilTheInstantInBoundedSteps() throws Exception {
    FakeClock clock = new FakeClock(NOW);
    Duration late = StartAt.parse("+2500ms", NOW).await(clock, clock);
    assertThat(late).isZero();
    assertThat(clock.now).isEqualTo(NOW.plusMillis(2500));
    assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500));
  }

  @Test
  void aPassedInstantStartsAtOnceAndSaysHowLate() throws Exception {
    FakeClock clock = new FakeClock(NOW.plusSeconds(3));
    assertThat(new StartAt(NOW).await(clock, clock)).isEqualTo(Duration.ofSeconds(3));
    assertThat(clock.sleeps).isEmpty();
    assertThat(new StartAt(NOW).delayFrom(NOW.plusSeconds(3))).isZero();
  }
}
