package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "p99<200ms        | p99          | LT | 200000000",
        "p99.9<=1s        | p99.9        | LE | 1000000000",
        "p(99.99) < 2s    | p99.99       | LT | 2000000000",
        "mean<50ms        | mean         | LT | 50000000",
        "max<2s           | max          | LT | 2000000000",
        "min>=10us        | min          | GE | 10000",
        "stddev<1.5ms     | stddev       | LT | 1500000",
        "p50 < 250 µs     | p50          | LT | 250000",
        "p90<1m           | p90          | LT | 60000000000",
        "p99<1m30s        | p99          | LT | 90000000000",
        "p99<1h           | p99          | LT | 3600000000000",
        "error_rate<0.1%  | error_rate   | LT | 0.001",
        "timeout_rate<0.01% | timeout_rate | LT | 0.0001",
        "error_rate<0.05  | error_rate   | LT | 0.05",
        "rps>=1000        | rps          | GE | 1000",
        "rps>50/s         | rps          | GT | 50",
        "availability>=99.9% | availability | GE | 0.999",
      })
  void parsesGoodExpressions(String expr, String metric, Threshold.Op op, double limit) {
    Threshold t = Threshold.parse(expr);
    assertThat(t.metric().name()).isEqualTo(metric);
    assertThat(t.op()).isEqualTo(op);
    assertThat(t.limit()).isCloseTo(limit, org.assertj.core.data.Offset.offset(limit * 1e-9));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // expression | column of the bad token (0-based) | words the message must contain
        "p99<200xs        | 7  | unknown time unit 'xs'",
        "p99<200          | 7  | missing time unit",
        "p999<1s          | 1  | out of range",
        "latency<1s       | 0  | unknown metric 'latency'",
        "p99=200ms        | 3  | expected an operator",
        "p99<             | 4  | expected a number",
        "error_rate<5     | 11 | did you mean 5%",
        "error_rate<150%  | 11 | over 100%",
        "rps>=1k          | 6  | unknown unit 'k' for rps",
        "p(99.9<1s        | 6  | expected ')'",
        "<1s              | 0  | expected a metric",
        "p99<1s extra     | 7  | unexpected 'extra'",
      })
  void badExpressionsPointAtTheToken(String expr, int column, String words) {
    ThresholdSyntaxException e =
        catchThrowableOfType(ThresholdSyntaxException.class, () -> Threshold.parse(expr));
    assertThat(e).as("expected a syntax error for '%s'", expr).isNotNull();
    assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
    assertThat(e.getMessage()).contains(words);
    // the caret line points at the same column
    List<String> lines = e.getMessage().lines().toList();
    assertThat(lines.get(2).indexOf('^') - 2).isEqualTo(column);
  }

  @Test
  void unknownMetricListsWhatIsAllowed() {
    assertThatThrownBy(() -> Threshold.parse("latency<1s"))
        .hasMessageContaining("allowed: p<N>")
        .hasMessageContaining("error_rate")
        .hasMessageContaining("availability");
  }

  @Test
  void evaluatesAgainstMeasuredValues() {
    LatencySnapshot latency = LatencySnapshot.of(10_000_000, 20_000_000, 30_000_000, 400_000_000);
    Outcomes outcomes = new Outcomes(998, Map.of("http_5xx", 2L), 0);
    Throughput tput = Throughput.of(1000, 0, Duration.ofSeconds(1));
    MetricValues values = MetricValues.of(latency, outcomes, tput, null);

    assertThat(Threshold.parse("p50<25ms").evaluate(values).passed()).isTrue();
    assertThat(Threshold.parse("p99<200ms").evaluate(values).passed()).isFalse();
    assertThat(Threshold.parse("error_rate<0.1%").evaluate(values).passed()).isFalse();
    assertThat(Threshold.parse("error_rate<=0.2%").evaluate(values).passed()).isTrue();
    assertThat(Threshold.parse("rps>=1000").evaluate(values).passed()).isTrue();
    assertThat(Threshold.parse("rps>1000").evaluate(values).passed()).isFalse();
    Threshold.Result missing = Threshold.parse("availability>=99%").evaluate(values);
    assertThat(missing.passed()).isFalse();
    assertThat(missing.toString()).contains("FAIL").contains("not measured");
    assertThat(Threshold.parse("p99<200ms").evaluate(values).toString()).startsWith("p99<200ms  FAIL  actual 4");
  }
}
