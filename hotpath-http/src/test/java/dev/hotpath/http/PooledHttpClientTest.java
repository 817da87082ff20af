package dev.hotpath.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.Scope;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PooledHttpClient against a real local Jetty server. */
class PooledHttpClientTest {
  static TestServer server;
  static volatile CountDownLatch held = new CountDownLatch(1);
  static volatile CountDownLatch holding = new CountDownLatch(1);

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer().servlet(new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        switch (req.getRequestURI()) {
          case "/slow" -> sleep(Long.parseLong(req.getParameter("ms")));
          case "/hold" -> {
            holding.countDown();
            try {
              held.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          default -> { }
        }
        res.setContentType("text/plain");
        res.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
      }
    }, "/*").start();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String get(PooledHttpClient client, URI uri) throws IOException {
    return client.execute(new HttpGet(uri), r -> EntityUtils.toString(r.getEntity()));
  }

  @Test
  void reusesPooledConnectionsAndReportsThePool() throws Exception {
    try (PooledHttpClient client = PooledHttpClient.create(HttpClientConfig.ofDefaults())) {
      for (int i = 0; i < 5; i++) {
        assertThat(get(client, server.uri("/ok"))).isEqualTo("ok");
      }
      ConnectionPoolStats total = client.stats();
      assertThat(total.leased()).isZero();
      assertThat(total.available()).isEqualTo(1); // one keep-alive connection served all five
      assertThat(total.max()).isEqualTo(100);
      assertThat(client.stats(server.uri("/")).max()).isEqualTo(10);
    }
  }

  @Test
  void withoutKeepAliveNothingIsPooled() throws Exception {
    try (PooledHttpClient client = PooledHttpClient.create(HttpClientConfig.builder().keepAlive(false).build())) {
      get(client, server.uri("/ok"));
      get(client, server.uri("/ok"));
      assertThat(client.stats().available()).isZero();
    }
  }

  @Test
  void aSilentServerFailsTheRequestAfterTheResponseTimeout() throws Exception {
    try (PooledHttpClient warm = PooledHttpClient.create(HttpClientConfig.ofDefaults())) {
      get(warm, server.uri("/ok")); // class loading must not count against the bound below
    }
    HttpClientConfig config = HttpClientConfig.builder().responseTimeout(Duration.ofMillis(200)).build();
    try (PooledHttpClient client = PooledHttpClient.create(config)) {
      // the server answers after 3 s: a SocketTimeoutException can only come from the 200 ms response
      // timeout, so no wall-clock assertion is needed to show the client gave up first
      assertThatThrownBy(() -> get(client, server.uri("/slow?ms=3000"))).isInstanceOf(SocketTimeoutException.class);
      assertThat(client.stats().leased()).isZero(); // the broken connection went back (closed), not leaked
    }
  }

  @Test
  void anExhaustedPoolFailsWithATypedErrorThatSaysWhy() throws Exception {
    HttpClientConfig config = HttpClientConfig.builder().maxConnectionsPerRoute(1).leaseTimeout(Duration.ofMillis(100)).build();
    held = new CountDownLatch(1);
    holding = new CountDownLatch(1);
    try (PooledHttpClient client = PooledHttpClient.create(config)) {
      CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
        try {
          return get(client, server.uri("/hold"));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(client.stats().leased()).isEqualTo(1);

      assertThatThrownBy(() -> get(client, server.uri("/ok")))
          .isInstanceOfSatisfying(PoolExhaustedException.class, e -> {
            assertThat(e.route()).isEqualTo(server.uri(""));
            assertThat(e.routeStats().leased()).isEqualTo(1);
            assertThat(e.routeStats().max()).isEqualTo(1);
            assertThat(e.getMessage()).contains("connection pool exhausted", "within PT0.1S", "1/1 leased", "maxConnectionsPerRoute");
          });
      assertThat(client.exhaustedCount()).isEqualTo(1);

      held.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
      assertThat(get(client, server.uri("/ok"))).isEqualTo("ok"); // the pool recovers
    } finally {
      held.countDown();
    }
  }

  @Test
  void eachExchangeIsTimedIntoTheScope() throws Exception {
    try (PooledHttpClient client = PooledHttpClient.create(HttpClientConfig.ofDefaults());
        Scope scope = Scope.open("test")) {
      get(client, server.uri("/ok"));
      get(client, server.uri("/slow?ms=20"));
      Scope.Measurement m = scope.measurement("http.client");
      assertThat(m.count()).isEqualTo(2);
      assertThat(m.totalNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  @Test
  void badSettingsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> HttpClientConfig.builder().maxConnections(10).maxConnectionsPerRoute(20).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HttpClientConfig.maxConnectionsPerRoute must be in [1, 10], was 20");
    assertThatThrownBy(() -> HttpClientConfig.builder().leaseTimeout(Duration.ZERO).build())
        .hasMessageContaining("HttpClientConfig.leaseTimeout must be in [PT0.001S, PT10M], was PT0S");
  }
}
