package dev.hotpath.load;

import dev.hotpath.load.report.RegressionLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.load.report.ResultComparison.Change;
import dev.hotpath.load.report.ResultComparison.Figure;
import org.junit.jupiter.api.Test;

class RegressionLimitTest {

  @Test
  void parses() {
    RegressionLimit l = RegressionLimit.parse("p99>+10%");
    assertThat(l.figure()).isEqualTo(Figure.P99);
    assertThat(l.above()).isTrue();
    assertThat(l.limit()).isEqualTo(10);
    assertThat(RegressionLimit.parse("rps < -5%").limit()).isEqualTo(-5);
    assertThat(RegressionLimit.parse("p99.9>25%").figure()).isEqualTo(Figure.P999);
    assertThat(RegressionLimit.parse("error_rate>+0.5%").figure()).isEqualTo(Figure.ERROR_RATE);
  }

  @Test
  void rejectsWithTheFormInTheMessage() {
    assertThatThrownBy(() -> RegressionLimit.parse("p99>10")).hasMessageContaining("--fail-on")
        .hasMessageContaining("p99>+10%");
    assertThatThrownBy(() -> RegressionLimit.parse("p42>+10%")).hasMessageContaining("unknown figure 'p42'")
        .hasMessageContaining("p99.9");
    assertThatThrownBy(() -> RegressionLimit.parse("p99>=+10%")).hasMessageContaining("not >= or <=");
    assertThatThrownBy(() -> RegressionLimit.parse("p99>+ten%")).hasMessageContaining("'+ten' is not a number");
  }

  @Test
  void onlySignificantChangesBeyondTheLimitViolate() {
    RegressionLimit l = RegressionLimit.parse("p99>+10%");
    assertThat(l.isViolatedBy(change(Figure.P99, 12, true))).isTrue();
    assertThat(l.isViolatedBy(change(Figure.P99, 12, false))).isFalse();
    assertThat(l.isViolatedBy(change(Figure.P99, 8, true))).isFalse();
    assertThat(l.isViolatedBy(change(Figure.P50, 50, true))).isFalse();
    RegressionLimit rps = RegressionLimit.parse("rps<-5%");
    assertThat(rps.isViolatedBy(change(Figure.RPS, -6, true))).isTrue();
    assertThat(rps.isViolatedBy(change(Figure.RPS, 6, true))).isFalse();
  }

  private static Change change(Figure f, double pct, boolean significant) {
    return new Change("overall", f, 100, 100 + pct, pct, Double.NaN, Double.NaN, significant ? 0.001 : 0.5, significant, pct > 0, "test");
  }
}
