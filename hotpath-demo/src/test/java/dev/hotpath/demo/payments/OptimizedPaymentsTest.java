package dev.hotpath.demo.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The optimized service in this JVM (in-memory H2, in-process queue) against the gateway simulator:
 * one Idempotency-Key is one charge and one completed payment however many times, and however
 * concurrently, it is sent; the naive service charges each retry.
 */
class OptimizedPaymentsTest {
  private Connection keepAlive;
  private String url;
  private GatewaySimulator gateway;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() throws Exception {
    url = "jdbc:h2:mem:pay" + ThreadLocalRandom.current().nextLong(1L << 40) + ";DB_CLOSE_DELAY=-1";
    keepAlive = DriverManager.getConnection(url, "sa", "");
    PaymentStore.createTables(keepAlive);
    gateway = GatewaySimulator.start(FaultTimeline.standard(Duration.ofSeconds(600)), 42); // healthy for 36 s
  }

  @AfterEach
  void tearDown() throws Exception {
    gateway.close();
    keepAlive.close();
  }

  private PaymentsServer start(String mode) throws Exception {
    return PaymentsServer.start("--mode", mode, "--port", "0", "--gateway", gateway.uri().toString(), "--db", url,
        "--db-user", "sa", "--db-password", "", "--queue", "none", "--name", mode);
  }

  private HttpResponse<String> pay(PaymentsServer server, String key) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/payments"))
        .header("Content-Type", "application/json").header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString("{\"order\":\"" + key + "\",\"account\":\"a1\",\"amount\":500}")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void oneKeyIsOneChargeAndOneCompletedPaymentEvenSentConcurrently() throws Exception {
    try (PaymentsServer server = start("optimized")) {
      Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Thread.Builder builder = i % 2 == 0 ? Thread.ofPlatform() : Thread.ofVirtual();
        threads.add(builder.start(() -> {
          try {
            statuses.merge(pay(server, "order-1").statusCode(), 1, Integer::sum);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      HttpResponse<String> again = pay(server, "order-1");
      assertThat(again.statusCode()).isEqualTo(201);
      assertThat(statuses.keySet()).as("a concurrent duplicate is answered 201 (replayed) or 409 (in progress)")
          .isSubsetOf(201, 409);
      assertThat(gateway.chargesPerOrder()).containsEntry("order-1", 1);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!PaymentStore.completedPerOrder(keepAlive).containsKey("order-1") && System.nanoTime() < deadline) {
        Thread.sleep(20); // the receipt is written by the queue's worker
      }
      assertThat(PaymentStore.completedPerOrder(keepAlive)).containsEntry("order-1", 1);
      assertThat(PaymentStore.openOutboxCount(keepAlive)).isZero();
    }
  }

  @Test
  void anOpenBreakerRefusesBeforeAnyDatabaseWork() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort(); // closed again: the gateway refuses every connection
    }
    try (PaymentsServer server = PaymentsServer.start("--mode", "optimized", "--port", "0", "--gateway",
        "http://127.0.0.1:" + deadPort, "--db", url, "--db-user", "sa", "--db-password", "", "--queue", "none",
        "--name", "optimized")) {
      HttpResponse<String> last = null;
      for (int i = 0; i < 100 && (last == null || !"breaker-open".equals(reason(last))); i++) {
        last = pay(server, "order-dead-" + i);
      }
      assertThat(last).isNotNull();
      assertThat(reason(last)).as("the breaker opened on the failing charges").isEqualTo("breaker-open");
      try (Statement s = keepAlive.createStatement()) {
        s.execute("DROP TABLE payments"); // any database work would now fail with a 500
      }
      HttpResponse<String> refused = pay(server, "order-after");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(reason(refused)).isEqualTo("breaker-open");
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    }
  }

  private static String reason(HttpResponse<String> response) {
    return response.headers().firstValue("X-Payment-Reason").orElse("");
  }

  @Test
  void aMissingKeyIsRefusedWithTheFix() throws Exception {
    try (PaymentsServer server = start("optimized")) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/payments"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"order\":\"o\",\"account\":\"a1\",\"amount\":5}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("Idempotency-Key");
    }
  }

  @Test
  void theNaiveServiceChargesEveryRetryOfTheSameKey() throws Exception {
    try (PaymentsServer server = start("naive")) {
      assertThat(pay(server, "order-2").statusCode()).isEqualTo(201);
      assertThat(pay(server, "order-2").statusCode()).isEqualTo(201);
      assertThat(gateway.chargesPerOrder()).containsEntry("order-2", 2);
      assertThat(PaymentStore.completedPerOrder(keepAlive)).containsEntry("order-2", 2);
    }
  }
}
