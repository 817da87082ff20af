package dev.hotpath.monitor;

import static dev.hotpath.monitor.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.metrics.FakeTicker;
import dev.hotpath.metrics.Scope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestTimingJettyTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<String> slow = new CopyOnWriteArrayList<>();
  private final FakeTicker ticker = new FakeTicker(); // deterministic durations on a loaded box
  private Server server;
  private HttpClient client;
  private int port;

  @BeforeEach
  void start() throws Exception {
    RequestTiming timing =
        RequestTiming.builder(registry).slowThreshold(Duration.ofMillis(40)).ticker(ticker).slowLog(slow::add).build();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(
        new ServletHolder(
            new HttpServlet() {
              private static final long serialVersionUID = 1L;

              @Override
              protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                Scope.recordTiming("db", 2_000_000);
                Scope.recordTiming("db", 3_000_000);
                Scope.count("cache.hit", 1);
                if (req.getParameter("slow") != null) {
                  ticker.advance(Duration.ofMillis(60));
                }
                if (req.getPathInfo() != null && req.getPathInfo().equals("/templated")) {
                  req.setAttribute(RequestTiming.URI_TEMPLATE_ATTRIBUTE, "/users/{id}");
                }
                resp.setContentType("text/plain");
                resp.getWriter().write("hello");
              }
            }),
        "/users/*");
    context.addFilter(new FilterHolder(new TimingServletFilter(timing)), "/*", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    port = connector.getLocalPort();
    client = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
    client.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void timesTheRequestAndWritesServerTimingThroughJetty() throws Exception {
    HttpResponse<String> r = get("/users/7");

    assertThat(r.body()).isEqualTo("hello");
    assertThat(r.headers().firstValue("Server-Timing").orElseThrow())
        .startsWith("app;dur=")
        .contains("db;dur=5.00;desc=\"2\"")
        .contains("cache.hit;desc=\"1\"");
    eventually(
        () ->
            assertThat(
                    registry.get(RequestTiming.METRIC)
                        .tags("method", "GET", "uri", "/users/*", "status", "200", "outcome", "SUCCESS")
                        .timer()
                        .count())
                .isEqualTo(1));
  }

  @Test
  void usesTheTemplateTheApplicationNames() throws Exception {
    get("/users/templated");
    eventually(() -> assertThat(registry.get(RequestTiming.METRIC).tags("uri", "/users/{id}").timer().count()).isEqualTo(1));
  }

  @Test
  void unmatchedPathsGetABoundedUriTag() throws Exception {
    HttpResponse<String> r = get("/nothing/here");
    assertThat(r.statusCode()).isEqualTo(404);
    eventually(
        () ->
            assertThat(registry.get(RequestTiming.METRIC).tags("uri", "NOT_FOUND", "status", "404").timer().count())
                .isEqualTo(1));
  }

  @Test
  void logsOnlySlowRequests() throws Exception {
    get("/users/1");
    get("/users/2?slow=1");
    eventually(() -> assertThat(registry.get(RequestTiming.METRIC).timer().count()).isEqualTo(2));
    assertThat(slow).hasSize(1);
    assertThat(slow.get(0)).isEqualTo("GET /users/2 60 ms (db 2 queries 5.0 ms, cache 1/1)");
  }
}
