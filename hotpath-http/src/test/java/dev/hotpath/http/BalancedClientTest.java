package dev.hotpath.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LoadBalancer + PooledHttpClient over several real Jetty servers: the guide's payments setup. */
class BalancedClientTest {
  final List<TestServer> servers = new ArrayList<>();
  final PooledHttpClient client = PooledHttpClient.create(HttpClientConfig.builder().responseTimeout(Duration.ofSeconds(5)).build());

  @AfterEach
  void stop() {
    client.close();
    servers.forEach(TestServer::close);
  }

  /** A server answering every request with {@code status} after {@code delayMs}. */
  URI server(int status, long delayMs) throws Exception {
    TestServer server = new TestServer().servlet(new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (delayMs > 0) {
          try {
            Thread.sleep(delayMs);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        res.setStatus(status);
        res.getWriter().print("from " + req.getLocalPort());
      }
    }, "/*").start();
    servers.add(server);
    return server.uri("/");
  }

  /** A call that treats 5xx as the endpoint's failure. */
  String pay(URI base) throws IOException {
    return client.execute(new HttpGet(base.resolve("/pay")), response -> {
      if (response.getCode() >= 500) {
        throw new IOException(base + " answered " + response.getCode());
      }
      return EntityUtils.toString(response.getEntity());
    });
  }

  Map<URI, Integer> run(LoadBalancer<URI> lb, int calls) {
    Map<URI, Integer> chosen = new HashMap<>();
    for (int i = 0; i < calls; i++) {
      try {
        lb.call(base -> {
          chosen.merge(base, 1, Integer::sum);
          return pay(base);
        });
      } catch (Exception expected) {
        // the failing server's answers
      }
    }
    return chosen;
  }

  @Test
  void aServerAnswering503IsEjectedAndTheOthersTakeTheTraffic() throws Exception {
    URI good1 = server(200, 0);
    URI bad = server(503, 0);
    URI good2 = server(200, 0);
    LoadBalancer<URI> lb = LoadBalancer.builder(List.of(good1, bad, good2))
        .config(LoadBalancerConfig.builder().strategy(BalancingStrategy.ROUND_ROBIN).consecutiveFailures(3).build())
        .build();

    Map<URI, Integer> chosen = run(lb, 90);

    assertThat(chosen.get(bad)).isEqualTo(3);
    assertThat(chosen.get(good1) + chosen.get(good2)).isEqualTo(87);
    assertThat(lb.status().get(1).availability()).isEqualTo(EndpointStatus.Availability.EJECTED);
  }

  @Test
  void aSlowServerGetsASmallShareUnderPowerOfTwoChoices() throws Exception {
    URI fast = server(200, 0);
    URI slow = server(200, 100);
    LoadBalancer<URI> lb = LoadBalancer.builder(List.of(fast, slow))
        .config(LoadBalancerConfig.builder().strategy(BalancingStrategy.POWER_OF_TWO_CHOICES).build())
        .build();

    Map<URI, Integer> chosen = run(lb, 200);

    double slowShare = chosen.getOrDefault(slow, 0) / 200.0;
    System.out.printf("real servers, P2C: the 100 ms server got %.1f %% of 200 sequential calls (round robin: 50 %%)%n", slowShare * 100);
    assertThat(slowShare).isLessThan(0.35); // a correctness bound on a noisy box; round robin gives 50 %
  }
}
