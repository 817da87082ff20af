package dev.hotpath.load.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.ErrorKind;
import dev.hotpath.load.LoadConfig;
import dev.hotpath.load.result.LoadModel;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadResultJson;
import dev.hotpath.load.LoadRunner;
import dev.hotpath.load.ProgressListener;
import dev.hotpath.load.RateSchedule;
import dev.hotpath.load.RequestSpec;
import dev.hotpath.load.Scenario;
import dev.hotpath.load.TargetUnreachableException;
import dev.hotpath.testing.Services;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineBehaviourTest {
  private static final long MS = 1_000_000L;

  private static LoadResult run(LoadConfig config) {
    return new LoadRunner(config).run(ProgressListener.NONE);
  }

  @Test
  void closedModelStopsAfterTheRequestCount() throws Exception {
    try (TestServer server = new TestServer(uri -> TestServer.Reply.ok(0))) {
      LoadResult r = run(LoadConfig.builder(Scenario.of(RequestSpec.get(server.url("/"))))
          .connections(4).pipelining(2).duration(null).maxRequests(500).build());
      assertThat(r.run().model()).isEqualTo(LoadModel.CLOSED);
      assertThat(r.overall().planned()).isEqualTo(500);
      assertThat(r.overall().successes()).isEqualTo(500);
      assertThat(server.requests.get()).isEqualTo(500);
      assertThat(r.overall().statusCodes()).containsEntry(200, 500L);
      assertThat(r.overall().bytesReceived()).isEqualTo(500 * 5);
    }
  }

  @Test
  void classifiesErrorsPerEndpoint() throws Exception {
    try (TestServer server = new TestServer(uri -> switch (uri) {
      case "/500" -> new TestServer.Reply(500, 0, "", false);
      case "/404" -> new TestServer.Reply(404, 0, "", false);
      case "/close" -> new TestServer.Reply(200, 0, "", true);
      case "/slow" -> TestServer.Reply.ok(5_000 * MS);
      default -> new TestServer.Reply(200, 0, "db;dur=8.5;desc=\"2 queries\", app;dur=12", false);
    })) {
      Scenario sc = Scenario.of(
          new RequestSpec("five", "GET", server.url("/500"), Map.of(), "", 1, Set.of()),
          new RequestSpec("four", "GET", server.url("/404"), Map.of(), "", 1, Set.of()),
          new RequestSpec("four-ok", "GET", server.url("/404"), Map.of(), "", 1, Set.of(404)),
          new RequestSpec("close", "GET", server.url("/close"), Map.of(), "", 1, Set.of()),
          new RequestSpec("slow", "GET", server.url("/slow"), Map.of(), "", 1, Set.of()),
          new RequestSpec("timed", "GET", server.url("/ok"), Map.of(), "", 1, Set.of()));
      LoadResult r = run(LoadConfig.builder(sc)
          .schedule(RateSchedule.constant(60, Duration.ofSeconds(1)))
          .connections(16)
          .timeout(Duration.ofMillis(300))
          .build());
      assertThat(r.endpoint("five").orElseThrow().errors()).containsEntry(ErrorKind.HTTP_5XX, 10L);
      assertThat(r.endpoint("four").orElseThrow().errors()).containsEntry(ErrorKind.HTTP_4XX, 10L);
      assertThat(r.endpoint("four-ok").orElseThrow().successes()).isEqualTo(10);
      assertThat(r.endpoint("close").orElseThrow().successes()).isEqualTo(10);
      assertThat(r.endpoint("slow").orElseThrow().errors()).containsEntry(ErrorKind.TIMEOUT, 10L);
      EndpointStats timed = r.endpoint("timed").orElseThrow();
      assertThat(timed.successes()).isEqualTo(10);
      assertThat(timed.serverTiming()).containsKeys("db", "app");
      assertThat(timed.serverTiming().get("db").count()).isEqualTo(10);
      assertThat(timed.serverTiming().get("db").duration().p50()).isBetween(8_400_000L, 8_600_000L);
      EndpointStats all = r.overall();
      assertThat(all.planned()).isEqualTo(60);
      assertThat(all.successes() + all.errorCount() + all.dropped()).isEqualTo(60);
      // the time series says when each kind of error happened, adding up to the totals
      Map<ErrorKind, Long> byKind = new java.util.EnumMap<>(ErrorKind.class);
      r.intervals().forEach(i -> i.errorsByKind().forEach((k, v) -> byKind.merge(k, v, Long::sum)));
      assertThat(byKind).isEqualTo(all.errors());
      LoadResult back = LoadResultJson.fromJson(LoadResultJson.toJson(r));
      assertThat(back.endpoints()).hasSize(6);
    }
  }

  @Test
  void rendersTemplatesPerRequest() throws Exception {
    try (TestServer server = new TestServer(uri -> TestServer.Reply.ok(0))) {
      server.recordUris = true;
      Scenario sc = Scenario.of(List.of(new RequestSpec("t", "POST", server.url("/u/${seq}?r=${random:5:5}&c=${csv:name}"),
          Map.of("X-Id", "${uuid}"), "{\"n\":${seq}}", 1, Set.of())), List.of("name"), List.of(List.of("ann"), List.of("bob")), "test");
      LoadResult r = run(LoadConfig.builder(sc).connections(1).duration(null).maxRequests(3).build());
      assertThat(r.overall().successes()).isEqualTo(3);
      assertThat(server.seenUris).containsExactly(
          "POST /u/0?r=5&c=ann {\"n\":0}", "POST /u/1?r=5&c=bob {\"n\":1}", "POST /u/2?r=5&c=ann {\"n\":2}");
    }
  }

  @Test
  void unreachableTargetFailsBeforeTheRun() {
    int port = Services.freePort();
    LoadConfig c = LoadConfig.builder(Scenario.of(RequestSpec.get("http://127.0.0.1:" + port + "/")))
        .connections(2).timeout(Duration.ofSeconds(1)).build();
    assertThatThrownBy(() -> run(c))
        .isInstanceOf(TargetUnreachableException.class)
        .hasMessageContaining("connection refused to 127.0.0.1:" + port).hasMessageNotContaining("error(-");
  }

  @Test
  void stopReturnsWhatWasMeasured() throws Exception {
    try (TestServer server = new TestServer(uri -> TestServer.Reply.ok(MS))) {
      LoadRunner runner = new LoadRunner(LoadConfig.builder(Scenario.of(RequestSpec.get(server.url("/"))))
          .schedule(RateSchedule.constant(100, Duration.ofSeconds(60))).connections(4).build());
      // stops from another thread once the run has reported its first second (start-up takes
      // its own time on a busy machine: the connections, the warm-up of the engine's code)
      java.util.concurrent.CountDownLatch firstInterval = new java.util.concurrent.CountDownLatch(1);
      Thread stopper = Thread.ofVirtual().start(() -> {
        try {
          firstInterval.await();
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        runner.stop();
      });
      LoadResult r = runner.run((i, elapsed, total, warmingUp) -> firstInterval.countDown());
      stopper.join();
      assertThat(r.run().interrupted()).isTrue();
      assertThat(r.overall().planned()).isBetween(50L, 1000L);
      assertThat(r.overall().successes() + r.overall().errorCount() + r.overall().dropped()).isEqualTo(r.overall().planned());
    }
  }
}
