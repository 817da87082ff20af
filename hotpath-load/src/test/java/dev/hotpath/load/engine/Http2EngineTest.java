package dev.hotpath.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.load.HttpProtocol;
import dev.hotpath.load.LoadConfig;
import dev.hotpath.load.LoadRunner;
import dev.hotpath.load.ProgressListener;
import dev.hotpath.load.RateSchedule;
import dev.hotpath.load.RequestSpec;
import dev.hotpath.load.Scenario;
import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.ErrorKind;
import dev.hotpath.load.result.LoadResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/2 against a real HTTP/2 server (Jetty 12): h2c and h2 over TLS, in the open and closed models. */
class Http2EngineTest {
  private static final long MS = 1_000_000L;

  @TempDir Path dir;

  private static LoadResult run(LoadConfig.Builder b) {
    return new LoadRunner(b.protocol(HttpProtocol.HTTP_2).insecure(true).build()).run(ProgressListener.NONE);
  }

  @Test
  void closedModelOverH2cMultiplexesStreamsOnFewConnections() throws Exception {
    try (JettyHttp2Server server = new JettyHttp2Server(20, dir)) {
      LoadResult r = run(LoadConfig.builder(Scenario.of(RequestSpec.get(server.h2cUrl("/x"))))
          .connections(2).maxStreams(16).duration(null).maxRequests(400));
      EndpointStats all = r.overall();
      assertThat(r.run().protocol()).isEqualTo("h2c");
      assertThat(all.planned()).isEqualTo(400);
      assertThat(all.successes()).isEqualTo(400);
      assertThat(all.statusCodes()).containsEntry(200, 400L);
      assertThat(all.bytesReceived()).isEqualTo(400 * 5);
      assertThat(server.requests.get()).isEqualTo(400);
      assertThat(server.connections.get()).isEqualTo(2);
      assertThat(server.maxInProgress.get()).as("streams in flight at once on 2 connections").isGreaterThan(2);
      assertThat(all.serverTiming().get("app").duration().p50()).isBetween(1_490_000L, 1_510_000L);
      assertThat(all.serviceTime().p50()).isGreaterThanOrEqualTo(20 * MS);
    }
  }

  @Test
  void aResetStreamFailsAloneAndTheConnectionCarriesOn() throws Exception {
    try (TestServer server = new TestServer(uri -> uri.equals("/reset") ? TestServer.Reply.reset() : TestServer.Reply.ok(MS))) {
      LoadResult r = run(LoadConfig.builder(Scenario.of(
              new RequestSpec("reset", "GET", server.url("/reset"), Map.of(), "", 1, Set.of()),
              new RequestSpec("ok", "GET", server.url("/ok"), Map.of(), "", 1, Set.of())))
          .schedule(RateSchedule.constant(40, Duration.ofSeconds(1)))
          .connections(1).maxStreams(8));
      assertThat(r.endpoint("reset").orElseThrow().errors()).containsExactly(Map.entry(ErrorKind.STREAM_RESET, 20L));
      assertThat(r.endpoint("ok").orElseThrow().successes()).isEqualTo(20);
      assertThat(r.overall().planned()).isEqualTo(40);
      assertThat(r.intervals()).allSatisfy(i -> assertThat(i.generator().openConnections()).isEqualTo(1));
    }
  }

  /**
   * One stream at a time on one connection, so no race decides the outcome: each request to /away
   * draws a GOAWAY that refuses its own stream (classified as such), the connection closes, and the
   * next request opens a new one and succeeds.
   */
  @Test
  void streamsRefusedByGoAwayAreToldApartAndANewConnectionCarriesOn() throws Exception {
    try (TestServer server = new TestServer(uri -> uri.equals("/away") ? TestServer.Reply.goAway() : TestServer.Reply.ok(MS))) {
      LoadResult r = run(LoadConfig.builder(Scenario.of(
              new RequestSpec("away", "GET", server.url("/away"), Map.of(), "", 1, Set.of()),
              new RequestSpec("ok", "GET", server.url("/ok"), Map.of(), "", 1, Set.of())))
          .connections(1).maxStreams(1).duration(null).maxRequests(40));
      EndpointStats away = r.endpoint("away").orElseThrow();
      EndpointStats ok = r.endpoint("ok").orElseThrow();
      String why = "away " + away + "\nok " + ok + "\n" + r.generator();
      assertThat(away.planned()).as(why).isPositive();
      assertThat(ok.planned()).as(why).isPositive();
      assertThat(away.planned() + ok.planned()).isEqualTo(40);
      assertThat(away.errors()).as(why).containsExactly(Map.entry(ErrorKind.GOAWAY, away.planned()));
      assertThat(ok.successes()).as(why).isEqualTo(ok.planned());
      assertThat(server.requests.get()).isEqualTo(40);
    }
  }

  @Test
  void openModelOverTlsWithAlpn() throws Exception {
    try (JettyHttp2Server server = new JettyHttp2Server(10, dir)) {
      LoadResult r = run(LoadConfig.builder(Scenario.of(RequestSpec.get(server.h2Url("/y"))))
          .schedule(RateSchedule.constant(200, Duration.ofSeconds(2)))
          .connections(2).maxStreams(50));
      EndpointStats all = r.overall();
      assertThat(r.run().protocol()).isEqualTo("h2");
      assertThat(all.planned()).isEqualTo(400);
      assertThat(all.successes() + all.errorCount() + all.dropped()).isEqualTo(400);
      assertThat(all.successes()).isEqualTo(400);
      assertThat(server.connections.get()).isEqualTo(2);
      assertThat(all.latency().p50()).isGreaterThanOrEqualTo(10 * MS);
      assertThat(r.intervals()).allSatisfy(i -> assertThat(i.generator().openConnections()).isEqualTo(2));
    }
  }
}
