package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigChecksTest {
  @Test
  void aBadValueNamesTheSettingTheRangeAndTheValue() {
    assertThatThrownBy(() -> ConfigChecks.inRange("PoolConfig.maxOpen", 0, 1, 10_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PoolConfig.maxOpen must be in [1, 10000], was 0");
    assertThatThrownBy(() -> ConfigChecks.inRange("X.t", Duration.ofHours(2), Duration.ZERO, Duration.ofHours(1)))
        .hasMessage("X.t must be in [PT0S, PT1H], was PT2H");
    assertThatThrownBy(() -> ConfigChecks.require(false, "X.name", "non-blank", "' '"))
        .hasMessage("X.name must be non-blank, was ' '");
  }

  @Test
  void goodValuesPass() {
    assertThatCode(() -> {
      ConfigChecks.inRange("X.n", 1, 1, 1);
      ConfigChecks.inRange("X.t", Duration.ZERO, Duration.ZERO, Duration.ZERO);
      ConfigChecks.require(true, "X.s", "anything", null);
    }).doesNotThrowAnyException();
  }
}
