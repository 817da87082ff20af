package dev.hotpath.monitor;

import static dev.hotpath.monitor.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.hotpath.metrics.FakeTicker;
import dev.hotpath.metrics.Scope;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestTimingJdkServerTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FakeTicker ticker = new FakeTicker();
  private final List<String> slow = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private HttpClient client;

  @BeforeEach
  void start() throws Exception {
    RequestTiming timing =
        RequestTiming.builder(registry).slowThreshold(Duration.ofMillis(300)).ticker(ticker).slowLog(slow::add).build();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server
        .createContext(
            "/users",
            ex -> {
              // what the DB inspector and the cache would add to the request's scope
              for (int i = 0; i < 51; i++) {
                Scope.recordTiming("db", i == 0 ? 30_000_000L : 5_000_000L);
              }
              Scope.count("cache.miss", 1);
              ticker.advance(Duration.ofMillis(312));
              byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
              ex.sendResponseHeaders(ex.getRequestURI().getPath().endsWith("/missing") ? 404 : 200, body.length);
              ex.getResponseBody().write(body);
              ex.close();
            })
        .getFilters()
        .add(new TimingHttpFilter(timing));
    server.createContext("/fast", ex -> {
          ex.sendResponseHeaders(204, -1);
          ex.close();
        })
        .getFilters()
        .add(new TimingHttpFilter(timing));
    server.start();
    client = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    client.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void timesTheRequestAndWritesServerTiming() throws Exception {
    HttpResponse<String> r = get("/users/7/orders");

    assertThat(r.statusCode()).isEqualTo(200);
    String header = r.headers().firstValue("Server-Timing").orElseThrow();
    assertThat(header).startsWith("app;dur=312.00").contains("db;dur=280.00;desc=\"51\"").contains("cache.miss;desc=\"1\"");
    eventually(
        () -> {
          Timer t =
              registry.get(RequestTiming.METRIC)
                  .tags("method", "GET", "uri", "/users", "status", "200", "outcome", "SUCCESS", "exception", "none")
                  .timer();
          assertThat(t.count()).isEqualTo(1);
          assertThat(t.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(312.0);
        });
  }

  @Test
  void logsTheSlowRequestWithItsBreakdownInOneLine() throws Exception {
    get("/users/7/orders");
    get("/fast");

    eventually(() -> assertThat(registry.get(RequestTiming.METRIC).tags("uri", "/fast").timer().count()).isEqualTo(1));
    assertThat(slow).containsExactly("GET /users/7/orders 312 ms (db 51 queries 280 ms, cache 0/1)");
  }

  @Test
  void tagsClientErrors() throws Exception {
    get("/users/missing");
    eventually(
        () ->
            assertThat(registry.get(RequestTiming.METRIC).tags("status", "404", "outcome", "CLIENT_ERROR").timer().count())
                .isEqualTo(1));
  }

  @Test
  void leavesNoScopeBehindOnTheServerThread() throws Exception {
    get("/fast");
    get("/fast");
    eventually(
        () ->
            assertThat(registry.get(RequestTiming.METRIC).tags("uri", "/fast", "status", "204").timer().count())
                .isEqualTo(2));
    assertThat(Scope.current()).isNull();
  }
}
