package dev.hotpath.demo.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code --quick} timeline end to end (three child JVMs per mode, the gateway simulator, the
 * database and queue that answer: PostgreSQL and RabbitMQ on loopback, else embedded H2 and the
 * in-process worker pool) and checks the case's invariants as counts, never times.
 */
class PaymentsDemoIT {
  @Test
  void optimizedNeverChargesTwiceNorLosesAPaymentWhileNaiveDoes(@TempDir Path out) throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PaymentsRun.Outcome outcome;
    try (PrintStream print = new PrintStream(console, true, StandardCharsets.UTF_8)) {
      outcome = new PaymentsRun(PaymentsOptions.of(true, out, "auto", "auto"), print).run();
    }
    System.out.print(console.toString(StandardCharsets.UTF_8));
    Map<String, PaymentsRun.ModeFigures> modes = outcome.modes().stream()
        .collect(Collectors.toMap(PaymentsRun.ModeFigures::mode, Function.identity()));
    PaymentsRun.ModeFigures naive = modes.get("naive");
    PaymentsRun.ModeFigures optimized = modes.get("optimized");

    assertThat(optimized.doubleCharged()).as("optimized double charges").isZero();
    assertThat(optimized.lost()).as("optimized lost payments").isZero();
    assertThat(optimized.drainSeconds()).as("optimized queue drained").isGreaterThanOrEqualTo(0);
    assertThat(optimized.rejectedWhileDown()).as("optimized fast refusals while the gateway is down").isPositive();
    assertThat(optimized.accepted()).isPositive();

    assertThat(naive.doubleCharged()).as("naive double charges").isPositive();
    assertThat(naive.connectionErrors()).as("naive errors during the instance loss").isPositive();
    assertThat(naive.rejectedWhileDown()).as("naive never refuses fast").isZero();

    JsonNode json = new ObjectMapper().readTree(outcome.json().toFile());
    assertThat(json.path("case").asText()).isEqualTo("payments");
    assertThat(json.path("faults")).hasSize(4);
    assertThat(json.path("modes")).hasSize(2);
    for (JsonNode mode : json.path("modes")) {
      assertThat(mode.path("totals").path("errorsByClass").size()).isEqualTo(ErrorClass.values().length);
      assertThat(mode.path("seconds").size()).isGreaterThanOrEqualTo(24);
    }
    String html = Files.readString(outcome.html());
    assertThat(html).contains("<svg", "gateway down", "instance 3 killed", "double-charged payments");
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("lost payments");
  }
}
