package dev.hotpath.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotpath.demo.DemoConfig;
import dev.hotpath.demo.DemoException;
import dev.hotpath.load.result.LoadResultJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stepped harness against {@link FakeSteppedServer} in child JVMs, with the embedded PostgreSQL and H2 backends. */
class SteppedCaseIT {
  private static final Phases TINY = new Phases(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), 8, 32, 0.5);

  private static CaseStudy.Context context(Path dir, Backends backends, StringWriter sink, List<String> steps) {
    return new CaseStudy.Context(DemoConfig.builder().quick(true).build(), dir, new PrintWriter(sink, true), backends,
        steps, TINY);
  }

  @Test
  void measuresEveryStepAndEachFixMovesItsFigure(@TempDir Path dir) throws Exception {
    StringWriter sink = new StringWriter();
    SteppedCase c = new SteppedCase(new FakeService(""));
    CaseStudy.Outcome o;
    try (Backends b = Backends.resolve("embedded", "none", dir.resolve("db"), dir, new PrintWriter(sink, true))) {
      o = c.run(context(dir, b, sink, c.stepNames()));
    }
    System.out.println(sink); // the run's progress and table in the test log
    assertThat(o.failures()).as(sink.toString()).isEmpty();
    JsonNode steps = o.summary().path("steps");
    assertThat(steps).hasSize(5);
    double rate = o.summary().path("offeredRate").asDouble();
    assertThat(rate).isPositive();
    for (JsonNode s : steps) {
      assertThat(s.path("offeredRate").asDouble()).isEqualTo(rate);
      assertThat(s.path("closed").path("maxRps").asDouble()).isPositive();
    }
    // the fake's costs: fewer queries with no N+1, hits with the cache, fewer bytes with compression
    assertThat(q(steps.get(2))).isLessThan(q(steps.get(1)) / 3);
    assertThat(steps.get(3).path("service").path("cacheHitRatio").asDouble()).isGreaterThan(0.5);
    assertThat(steps.get(2).path("service").path("cacheHitRatio").asDouble()).isZero();
    assertThat(steps.get(4).path("bytesPerResponse").asDouble())
        .isLessThan(steps.get(3).path("bytesPerResponse").asDouble() / 3);
    for (String step : c.stepNames()) {
      assertThat(LoadResultJson.read(dir.resolve(step + ".open.json")).run().labels()).containsEntry("step", step);
      assertThat(dir.resolve(step + ".closed.json")).exists();
      assertThat(dir.resolve(step + ".stats.json")).exists();
    }
    assertThat(o.table()).contains("+compression").contains("max req/s").contains("PASS DB queries per items request");
    assertThat(o.html()).contains("<table>").contains("<svg").contains("Comparison: naive vs +compression");
    assertThat(o.css()).startsWith("<style>");
    assertThat(sink.toString()).contains("verify: 3 requests answered identically").contains("offered rate for every step");
    assertThat(Files.readString(dir.resolve("fake-naive.log"))).contains("--fixes none");
  }

  private static double q(JsonNode step) {
    return step.path("service").path("queriesPerRequest").asDouble();
  }

  @Test
  void aDifferenceBetweenTheModesStopsTheRunNamingTheEndpoint(@TempDir Path dir) {
    StringWriter sink = new StringWriter();
    SteppedCase c = new SteppedCase(new FakeService("bug"));
    try (Backends b = Backends.resolve("h2", "none", dir.resolve("db"), dir, new PrintWriter(sink, true))) {
      assertThatThrownBy(() -> c.run(context(dir, b, sink, c.stepNames())))
          .isInstanceOfSatisfying(DemoException.class, e -> assertThat(e.exitCode()).isEqualTo(3))
          .hasMessageContaining("endpoint items (GET /items/1) answers differently in naive and +compression")
          .hasMessageContaining("bodies differ at byte");
    }
  }

  @Test
  void aStepWhoseServiceDiesIsAFailureAndTheOthersStillRun(@TempDir Path dir) {
    StringWriter sink = new StringWriter();
    // the last step crashes on start; verify is skipped by running only steps that do not involve it first
    SteppedCase c = new SteppedCase(new FakeService("crash"));
    try (Backends b = Backends.resolve("embedded", "none", dir.resolve("db"), dir, new PrintWriter(sink, true))) {
      assertThatThrownBy(() -> c.run(context(dir, b, sink, List.of("naive", "compression"))))
          .hasMessageContaining("verify could not start the service")
          .hasMessageContaining("crashing on purpose");
    }
  }
}
