package dev.hotpath.load.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.load.LoadConfig;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.LoadRunner;
import dev.hotpath.load.result.LoadShard;
import dev.hotpath.load.ProgressListener;
import dev.hotpath.load.RateSchedule;
import dev.hotpath.load.RequestSpec;
import dev.hotpath.load.result.ResultMerger;
import dev.hotpath.load.Scenario;
import dev.hotpath.load.StartAt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Issue 4: N shards of one plan, run at once and merged, equal the unsharded run. */
class ShardedRunTest {
  private static final long MS = 1_000_000L;

  private static LoadConfig config(TestServer server, LoadShard shard, Instant startAt) {
    return LoadConfig.builder(Scenario.of(RequestSpec.get(server.url("/"))))
        .schedule(RateSchedule.constant(300, Duration.ofSeconds(3)))
        .warmup(Duration.ofSeconds(1))
        .connections(8)
        .ioThreads(1) // three "processes" share this JVM's two cores
        .shard(shard)
        .startAt(new StartAt(startAt))
        .build();
  }

  @Test
  void threeShardsMergedFollowThePlanExactly() throws Exception {
    try (TestServer server = new TestServer(uri -> TestServer.Reply.ok(2 * MS));
        ExecutorService pool = Executors.newFixedThreadPool(3)) {
      Instant start = Instant.now().plusMillis(1500); // the shards connect first, then start together
      List<Future<LoadResult>> shards = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        LoadConfig c = config(server, new LoadShard(i, 3), start);
        shards.add(pool.submit(() -> new LoadRunner(c).run(ProgressListener.NONE)));
      }
      List<LoadResult> results = new ArrayList<>();
      for (Future<LoadResult> f : shards) {
        results.add(f.get());
      }
      for (int i = 0; i < 3; i++) {
        assertThat(results.get(i).overall().planned()).as("shard %d", i).isEqualTo(200); // 600 measured / 3
        assertThat(results.get(i).run().labels()).containsEntry(LoadShard.LABEL, i + "/3");
      }
      LoadResult merged = ResultMerger.merge(results);
      LoadResult whole =
          new LoadRunner(
                  LoadConfig.builder(Scenario.of(RequestSpec.get(server.url("/"))))
                      .schedule(RateSchedule.constant(300, Duration.ofSeconds(3)))
                      .warmup(Duration.ofSeconds(1))
                      .connections(8)
                      .build())
              .run(ProgressListener.NONE);

      assertThat(merged.overall().planned()).isEqualTo(whole.overall().planned()).isEqualTo(600);
      assertThat(merged.overall().successes() + merged.overall().errorCount() + merged.overall().dropped())
          .isEqualTo(600);
      // same server, same total rate: the merged P99 is near the single process's (generous: shared box)
      assertThat(merged.overall().latency().p99())
          .as("merged %s%nwhole %s", merged.overall().latency(), whole.overall().latency())
          .isLessThan(Math.max(4 * whole.overall().latency().p99(), 100 * MS));
    }
  }

  @Test
  void shardingNeedsTheOpenModel() {
    assertThatThrownBy(
            () ->
                LoadConfig.builder(Scenario.of(RequestSpec.get("http://127.0.0.1:1/")))
                    .connections(2)
                    .duration(Duration.ofSeconds(1))
                    .shard(new LoadShard(0, 2))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--shard")
        .hasMessageContaining("open model");
  }
}
