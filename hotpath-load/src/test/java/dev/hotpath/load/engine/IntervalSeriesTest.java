package dev.hotpath.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.load.LoadConfig;
import dev.hotpath.load.LoadRunner;
import dev.hotpath.load.RateSchedule;
import dev.hotpath.load.RequestSpec;
import dev.hotpath.load.Scenario;
import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadResultJson;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The time series (#14): intervals tile the measured window with no trailing near-empty interval,
 * warm-up intervals reach the progress listener with what they did, and every interval carries
 * the generator's own figures.
 */
class IntervalSeriesTest {
  private static final long MS = 1_000_000L;

  @Test
  void openModelIntervalsTileTheMeasuredWindowAndCarryTheGeneratorsFigures() throws Exception {
    try (TestServer server = new TestServer(uri -> TestServer.Reply.ok(2 * MS))) {
      List<String> progress = new CopyOnWriteArrayList<>();
      LoadResult r = new LoadRunner(LoadConfig.builder(Scenario.of(RequestSpec.get(server.url("/"))))
          .schedule(RateSchedule.constant(200, Duration.ofMillis(3500)))
          .warmup(Duration.ofMillis(1500))
          .connections(4)
          .build())
          .run((i, elapsed, total, warmingUp) -> progress.add((warmingUp ? "warm-up " : "") + i.completed()));
      List<IntervalStats> series = r.intervals();
      assertThat(series).extracting(IntervalStats::length).containsOnly(Duration.ofSeconds(1));
      assertThat(series).extracting(IntervalStats::start)
          .containsExactly(Duration.ZERO, Duration.ofSeconds(1));
      assertThat(series.stream().mapToLong(IntervalStats::completed).sum()).isEqualTo(r.overall().completed());
      assertThat(series).allSatisfy(i -> {
        assertThat(i.completed()).isPositive();
        assertThat(i.generator().targetRate()).isCloseTo(200, Offset.offset(0.001));
        assertThat(i.generator().openConnections()).isEqualTo(4);
        assertThat(i.generator().scheduleLag().count()).isPositive();
      });
      // warm-up: 1 s, then the 0.5 s up to the end of warm-up, each with what it did
      assertThat(progress).hasSize(4);
      assertThat(progress.get(0)).startsWith("warm-up ").isNotEqualTo("warm-up 0");
      assertThat(progress.get(1)).startsWith("warm-up ").isNotEqualTo("warm-up 0");
      LoadResult back = LoadResultJson.fromJson(LoadResultJson.toJson(r));
      assertThat(back.intervals()).isEqualTo(series);
      assertThat(back.run().protocol()).isEqualTo("http/1.1");
      assertThat(back.run().transport()).isEqualTo(r.run().transport()).isNotEmpty();
    }
  }

  @Test
  void closedModelEndsWithoutAShortEmptyInterval() throws Exception {
    try (TestServer server = new TestServer(uri -> TestServer.Reply.ok(MS))) {
      LoadResult r = new LoadRunner(LoadConfig.builder(Scenario.of(RequestSpec.get(server.url("/"))))
          .connections(2).duration(Duration.ofSeconds(2)).build())
          .run(dev.hotpath.load.ProgressListener.NONE);
      assertThat(r.intervals()).hasSize(2);
      assertThat(r.intervals()).allSatisfy(i -> {
        assertThat(i.length()).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(i.completed()).isPositive();
        assertThat(i.generator().targetRate()).isZero();
      });
      assertThat(r.intervals().stream().mapToLong(IntervalStats::completed).sum()).isEqualTo(r.overall().completed());
    }
  }
}
