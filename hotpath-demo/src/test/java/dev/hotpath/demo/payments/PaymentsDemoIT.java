package dev.hotpath.demo.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.demo.Demo;
import dev.hotpath.demo.DemoConfig;
import dev.hotpath.demo.DemoOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code hotpath demo payments --quick} end to end (the harness's backends: PostgreSQL on
 * loopback, else the embedded one; RabbitMQ when it answers, else the in-process worker pool; three
 * child JVMs per mode) and checks the case's invariants as counts, never times.
 */
class PaymentsDemoIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void optimizedNeverChargesTwiceNorLosesAPaymentWhileNaiveDoes(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("results");
    StringWriter console = new StringWriter();
    DemoOutcome outcome = Demo.run(DemoConfig.builder().cases(List.of("payments")).quick(true).out(out)
        .command("hotpath demo payments --quick").build(), new PrintWriter(console, true));
    System.out.print(console);
    assertThat(outcome.failures()).as("the case's failures").isEmpty();

    JsonNode report = JSON.readTree(out.resolve("payments").resolve("payments.json").toFile());
    Map<String, JsonNode> totals = new HashMap<>();
    report.path("modes").forEach(m -> totals.put(m.path("mode").asText(), m.path("totals")));
    JsonNode optimized = totals.get("optimized");
    JsonNode naive = totals.get("naive");

    assertThat(optimized.path("doubleChargedPayments").asLong()).as("optimized double charges").isZero();
    assertThat(optimized.path("lostPayments").asLong()).as("optimized lost payments").isZero();
    assertThat(optimized.path("drainSeconds").asDouble()).as("optimized settled everything").isGreaterThanOrEqualTo(0);
    assertThat(optimized.path("unsettledPayments").asLong()).as("optimized payments left unsettled").isZero();
    assertThat(optimized.path("pendingAtEnd").asLong()).isZero();
    assertThat(optimized.path("openOutboxAtEnd").asLong()).isZero();
    assertThat(optimized.path("refusalsWhileGatewayDown").asLong()).as("optimized fast refusals while the gateway is down")
        .isPositive();
    assertThat(optimized.path("acceptedPayments").asLong()).isPositive();

    assertThat(naive.path("doubleChargedPayments").asLong()).as("naive double charges").isPositive();
    assertThat(naive.path("errorsByClass").path("connection").asLong()).as("naive errors during the instance loss")
        .isPositive();
    assertThat(naive.path("refusalsWhileGatewayDown").asLong()).as("naive never refuses fast").isZero();

    assertThat(report.path("faults")).hasSize(4);
    for (JsonNode mode : report.path("modes")) {
      assertThat(mode.path("totals").path("errorsByClass").size()).isEqualTo(ErrorClass.values().length);
      assertThat(mode.path("seconds").size()).isGreaterThanOrEqualTo(20);
    }
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.path("cases").get(0).path("name").asText()).isEqualTo("payments");
    assertThat(summary.path("cases").get(0).path("failures")).isEmpty();
    String index = Files.readString(out.resolve("index.html"));
    assertThat(index).contains("id=\"payments\"", "<svg", "gateway down", "instance 3 killed", "double-charged payments");
    assertThat(Files.readString(out.resolve("payments").resolve("payments.html"))).contains("<svg");
    assertThat(console.toString()).contains("PASS optimized: double charges 0", "PASS optimized: lost payments 0");
  }
}
