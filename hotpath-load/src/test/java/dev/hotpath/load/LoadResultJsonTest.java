package dev.hotpath.load;

import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.ErrorKind;
import dev.hotpath.load.result.GeneratorHealth;
import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.load.result.LoadModel;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadResultJson;
import dev.hotpath.load.result.RunInfo;
import dev.hotpath.load.result.ServerTimingStats;
import dev.hotpath.load.result.ThresholdResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.LatencySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadResultJsonTest {

  static LoadResult sample() {
    LatencySnapshot lat = LatencySnapshot.of(20_000_000, 21_000_000, 500_000_000);
    LatencySnapshot svc = LatencySnapshot.of(20_000_000, 20_500_000, 21_000_000);
    EndpointStats ep = new EndpointStats("GET /x", Duration.ofSeconds(10), 5, 3,
        Map.of(ErrorKind.HTTP_5XX, 1L), 1, Map.of(200, 3L, 503, 1L), 400, 1200, lat, svc,
        Map.of("db", new ServerTimingStats(LatencySnapshot.of(8_000_000))));
    IntervalStats iv = new IntervalStats(Duration.ZERO, Duration.ofSeconds(1), 4, 3, 1, 1, 1200, lat, svc)
        .withErrorsByKind(Map.of(ErrorKind.HTTP_5XX, 1L));
    RunInfo run = new RunInfo("hotpath test", Instant.parse("2026-11-29T14:00:00Z"), Duration.ofSeconds(10),
        Duration.ofSeconds(2), LoadModel.OPEN, "http://127.0.0.1:1/x", "rate 100/s", 4, 1, false,
        Map.of("shard", "1/2"));
    GeneratorHealth g = new GeneratorHealth(LatencySnapshot.of(1000), 0.25, 3, Duration.ofMillis(12), false,
        List.of("schedule lag p99 50 ms"));
    return new LoadResult(run, ep.merge(ep, "overall"), List.of(ep), List.of(iv),
        List.of(new ThresholdResult("p99<200ms", false, "p99 = 500 ms")), g);
  }

  @Test
  void roundTripsEverything() {
    LoadResult r = sample();
    String json = LoadResultJson.toJson(r);
    assertThat(json).contains("\"format\" : \"hotpath-load-result\"").contains("\"version\" : 1");
    LoadResult back = LoadResultJson.fromJson(json);
    assertThat(back).isEqualTo(r);
    assertThat(back.overall().planned()).isEqualTo(10);
    assertThat(back.overall().latency().count()).isEqualTo(6);
    assertThat(back.endpoint("GET /x")).isPresent();
    assertThat(back.thresholdsPassed()).isFalse();
    assertThat(json).contains("\"errorsByKind\" : {");
    assertThat(back.intervals().get(0).errorsByKind()).containsExactly(Map.entry(ErrorKind.HTTP_5XX, 1L));
  }

  @Test
  void rejectsOtherFormatsAndNewerVersions() {
    String json = LoadResultJson.toJson(sample());
    assertThatThrownBy(() -> LoadResultJson.fromJson(json.replace("hotpath-load-result", "k6")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format is 'k6'");
    assertThatThrownBy(() -> LoadResultJson.fromJson(json.replace("\"version\" : 1", "\"version\" : 2")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported result version 2");
    assertThatThrownBy(() -> LoadResultJson.fromJson("{"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
  }

  @Test
  void accountingAndMergeAddUp() {
    EndpointStats e = sample().endpoints().get(0);
    assertThat(e.successes() + e.errorCount() + e.dropped()).isEqualTo(e.planned());
    assertThat(e.rps()).isEqualTo(0.4);
    IntervalStats i = sample().intervals().get(0);
    IntervalStats next = new IntervalStats(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1, 0, 0, 10,
        LatencySnapshot.of(5), LatencySnapshot.of(5));
    IntervalStats both = i.merge(next);
    assertThat(both.length()).isEqualTo(Duration.ofSeconds(2));
    assertThat(both.completed()).isEqualTo(5);
    assertThat(both.latency().count()).isEqualTo(4);
  }
}
