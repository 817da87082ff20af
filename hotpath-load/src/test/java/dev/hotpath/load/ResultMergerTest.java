package dev.hotpath.load;

import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadResultJson;
import dev.hotpath.load.result.LoadShard;
import dev.hotpath.load.result.ResultMerger;
import dev.hotpath.load.result.RunInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultMergerTest {
  private static final ReportFixtures.Sim SIM = new ReportFixtures.Sim(100, 6, 1.0, 7);

  private static List<LoadResult> shards(int n) {
    List<LoadResult> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ReportFixtures.run(SIM, new LoadShard(i, n)));
    }
    return out;
  }

  @Test
  void shardsMergedEqualTheWholeRunExactly() {
    LoadResult whole = ReportFixtures.run(SIM);
    for (int n = 1; n <= 4; n++) {
      List<LoadResult> parts = shards(n);
      LoadResult merged = ResultMerger.merge(parts);
      assertThat(merged.overall()).as("overall, %d shards", n).isEqualTo(whole.overall());
      assertThat(merged.endpoints()).as("endpoints, %d shards", n).isEqualTo(whole.endpoints());
      assertSameIntervals(merged.intervals(), whole.intervals());
      assertThat(merged.overall().planned()).isEqualTo(600);
      assertThat(merged.overall().latency().p99()).isEqualTo(whole.overall().latency().p99());
      assertThat(merged.overall().rps()).isEqualTo(whole.overall().rps());
      if (n > 1) {
        // the shards really differ: no shard alone is the whole
        assertThat(parts.get(0).overall().planned()).isLessThan(600);
        assertThat(merged.run().labels()).containsEntry("shard", shardList(n)).containsEntry("merged", "" + n);
        assertThat(merged.run().connections()).isEqualTo(8 * n);
      }
      assertThat(merged.generator().warnings()).isEmpty();
    }
  }

  /** Same counts and the same histograms (their base64 may differ: equal histograms can encode differently). */
  static void assertSameIntervals(List<IntervalStats> actual, List<IntervalStats> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      IntervalStats a = actual.get(i);
      IntervalStats e = expected.get(i);
      assertThat(a.toString()).isEqualTo(e.toString());
      assertThat(a.successes()).isEqualTo(e.successes());
      assertThat(a.bytesReceived()).isEqualTo(e.bytesReceived());
      assertThat(a.latency()).as("latency of interval %d", i).isEqualTo(e.latency());
      assertThat(a.serviceTime()).as("service time of interval %d", i).isEqualTo(e.serviceTime());
      assertThat(a.latency().count()).isEqualTo(e.completed());
    }
  }

  private static String shardList(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append(i);
    }
    return sb + "/" + n;
  }

  @Test
  void mergesInAnyOrderAndInSteps() {
    List<LoadResult> parts = shards(4);
    LoadResult all = ResultMerger.merge(parts);
    LoadResult reversed = ResultMerger.merge(List.of(parts.get(3), parts.get(1), parts.get(2), parts.get(0)));
    LoadResult stepwise = ResultMerger.merge(List.of(ResultMerger.merge(parts.subList(0, 2)),
        ResultMerger.merge(parts.subList(2, 4))));
    assertThat(reversed.overall()).isEqualTo(all.overall());
    assertThat(stepwise.overall()).isEqualTo(all.overall());
    assertSameIntervals(stepwise.intervals(), all.intervals());
    assertThat(stepwise.run().labels()).containsEntry("shard", "0,1,2,3/4");
  }

  @Test
  void refusesOverlappingShards() {
    List<LoadResult> parts = shards(3);
    assertThatThrownBy(() -> ResultMerger.merge(List.of(parts.get(0), parts.get(1), parts.get(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shard 1/3 is in more than one result");
    LoadResult firstTwo = ResultMerger.merge(parts.subList(0, 2));
    assertThatThrownBy(() -> ResultMerger.merge(List.of(firstTwo, parts.get(0))))
        .hasMessageContaining("shard 0/3 is in more than one result");
  }

  @Test
  void refusesResultsOfAnotherRun() {
    LoadResult a = ReportFixtures.run(SIM, new LoadShard(0, 2));
    LoadResult otherTarget = withRun(ReportFixtures.run(SIM, new LoadShard(1, 2)), "http://elsewhere:1/", null);
    assertThatThrownBy(() -> ResultMerger.merge(List.of(a, otherTarget)))
        .hasMessageContaining("different target").hasMessageContaining("http://elsewhere:1/");
    LoadResult otherPlan = ReportFixtures.run(new ReportFixtures.Sim(300, 10, 1.0, 7), new LoadShard(1, 2));
    assertThatThrownBy(() -> ResultMerger.merge(List.of(a, otherPlan)))
        .hasMessageContaining("different schedule").hasMessageContaining("rate 300/s");
    LoadResult threeShards = ReportFixtures.run(SIM, new LoadShard(1, 3));
    assertThatThrownBy(() -> ResultMerger.merge(List.of(a, threeShards)))
        .hasMessageContaining("different shard counts");
    LoadResult unsharded = ReportFixtures.run(SIM);
    assertThatThrownBy(() -> ResultMerger.merge(List.of(a, unsharded)))
        .hasMessageContaining("sharded and unsharded");
    LoadResult otherScenario = new LoadResult(a.run(), a.overall(), a.endpoints().subList(0, 1), a.intervals(),
        a.thresholds(), a.generator());
    assertThatThrownBy(() -> ResultMerger.merge(List.of(a, otherScenario)))
        .hasMessageContaining("different scenarios");
    assertThatThrownBy(() -> ResultMerger.merge(List.of(unsharded, unsharded)))
        .hasMessageContaining("are the same run");
    LoadResult otherGenerator = withRun(unsharded, null, unsharded.run().startedAt().plusMillis(3));
    assertThat(ResultMerger.merge(List.of(unsharded, otherGenerator)).overall().planned()).isEqualTo(1200);
    assertThatThrownBy(() -> ResultMerger.merge(List.of()))
        .hasMessageContaining("nothing to merge");
  }

  @Test
  void warnsAboutMissingShardsAndSkewedStarts() {
    List<LoadResult> parts = shards(3);
    LoadResult late = withRun(parts.get(2), null, parts.get(2).run().startedAt().plusSeconds(5));
    LoadResult merged = ResultMerger.merge(List.of(parts.get(0), late));
    assertThat(merged.generator().warnings())
        .anyMatch(w -> w.contains("shards 1 of 3 are missing"))
        .anyMatch(w -> w.contains("5.00s apart"));
    assertThat(merged.thresholds()).isEmpty();
  }

  @Test
  void mergesFilesAndNamesTheBadOne(@TempDir Path dir) throws Exception {
    List<Path> files = new ArrayList<>();
    List<LoadResult> parts = shards(2);
    for (int i = 0; i < 2; i++) {
      Path f = dir.resolve("shard-" + i + ".json");
      LoadResultJson.write(parts.get(i), f);
      files.add(f);
    }
    assertThat(ResultMerger.mergeFiles(files).overall()).isEqualTo(ReportFixtures.run(SIM).overall());
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"format\":\"k6\"}");
    assertThatThrownBy(() -> ResultMerger.mergeFiles(List.of(files.get(0), bad)))
        .hasMessageContaining("bad.json").hasMessageContaining("format is 'k6'");
    assertThatThrownBy(() -> ResultMerger.mergeFiles(List.of(files.get(0), files.get(0))))
        .hasMessageContaining("shard-0.json").hasMessageContaining("more than one result");
  }

  private static LoadResult withRun(LoadResult r, String target, java.time.Instant started) {
    RunInfo o = r.run();
    Map<String, String> labels = new HashMap<>(o.labels());
    RunInfo run = new RunInfo(o.tool(), started == null ? o.startedAt() : started, o.duration(), o.warmup(), o.model(),
        target == null ? o.target() : target, o.schedule(), o.connections(), o.pipelining(), o.interrupted(), labels);
    return new LoadResult(run, r.overall(), r.endpoints(), r.intervals(), r.thresholds(), r.generator());
  }
}
