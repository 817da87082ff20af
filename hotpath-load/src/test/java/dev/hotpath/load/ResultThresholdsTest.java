package dev.hotpath.load;

import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.ResultThresholds;
import dev.hotpath.load.result.ThresholdResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultThresholdsTest {

  @Test
  void evaluatesOnTheOverallFigures() {
    LoadResult r = ReportFixtures.run(new ReportFixtures.Sim(100, 10, 1.0, 3));
    long p99 = r.overall().latency().p99();
    LoadResult checked = ResultThresholds.evaluate(r, List.of("p99<" + (p99 / 1000 + 1) + "us",
        "p99<" + (p99 / 1000 - 1) + "us", "error_rate<5%", "rps>=100", "timeout_rate<0.01%", "availability>=99.9%"));
    assertThat(checked.thresholds()).extracting(ThresholdResult::passed)
        .containsExactly(true, false, true, true, true, false);
    assertThat(checked.thresholds().get(0).actual()).startsWith("p99 = ");
    assertThat(checked.thresholdsPassed()).isFalse();
    assertThat(ResultThresholds.evaluate(r, List.of("error_rate<5%")).thresholdsPassed()).isTrue();
    assertThatThrownBy(() -> ResultThresholds.evaluate(r, List.of("p99<200"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time unit");
  }
}
