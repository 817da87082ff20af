package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadResultJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hotpath demo --quick} end to end: the shop in child JVMs against the database and cache
 * that {@code auto} finds (PostgreSQL and Redis on loopback, else the embedded stand-ins). Checks
 * the structure of what it writes and that every step moves its own figure the right way —
 * directions and counts, never absolute times.
 */
class DemoCommandIT {
  private static final List<String> STEPS = List.of("naive", "indexes", "no-n-plus-one", "pool", "cache", "compression");

  @Test
  void quickDemoWritesTheReportAndEveryFixMovesItsFigure(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("results");
    CommandLine cl = HotpathCommand.commandLine();
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    cl.setOut(new PrintWriter(stdout, true));
    cl.setErr(new PrintWriter(stderr, true));
    int exit = cl.execute("demo", "--quick", "--out", out.toString());
    String console = stdout.toString();
    System.out.println(console); // the run's progress and table in the test log

    assertThat(exit).as(stderr + console).isZero();
    assertThat(console).contains("verify:").contains("requests answered identically").contains("max req/s")
        .contains("report: " + out.resolve("index.html"));

    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.path("format").asText()).isEqualTo("hotpath-demo-summary");
    assertThat(summary.path("version").asInt()).isEqualTo(1);
    JsonNode env = summary.path("environment");
    for (String key : List.of("command", "cores", "jdk", "database", "cache", "seed", "scale")) {
      assertThat(env.path(key).asText()).as(key).isNotBlank();
    }
    assertThat(env.path("command").asText()).isEqualTo("hotpath demo --quick --out " + out);
    JsonNode shop = summary.path("cases").get(0);
    assertThat(shop.path("name").asText()).isEqualTo("shop");
    assertThat(shop.path("failures")).isEmpty();
    assertThat(shop.path("data").path("products").asLong()).isPositive();
    JsonNode steps = shop.path("steps");
    List<String> names = new ArrayList<>();
    steps.forEach(s -> names.add(s.path("step").asText()));
    assertThat(names).containsExactlyElementsOf(STEPS);
    double rate = shop.path("offeredRate").asDouble();
    assertThat(rate).isPositive();
    for (JsonNode s : steps) {
      String step = s.path("step").asText();
      assertThat(s.path("offeredRate").asDouble()).as(step).isEqualTo(rate);
      assertThat(s.path("open").path("rps").asDouble()).as(step).isPositive();
      assertThat(s.path("closed").path("maxRps").asDouble()).as(step).isPositive();
      LoadResult open = LoadResultJson.read(out.resolve("shop").resolve(step + ".open.json"));
      assertThat(open.run().labels()).containsEntry("step", step).containsEntry("model", "open");
      assertThat(open.run().schedule()).contains("rate");
      assertThat(LoadResultJson.read(out.resolve("shop").resolve(step + ".closed.json")).run().labels())
          .containsEntry("model", "closed");
      assertThat(out.resolve("shop").resolve(step + ".stats.json")).isNotEmptyFile();
    }

    JsonNode naive = steps.get(0);
    JsonNode indexes = steps.get(1);
    JsonNode noN1 = steps.get(2);
    JsonNode pool = steps.get(3);
    JsonNode cache = steps.get(4);
    JsonNode optimized = steps.get(5);
    // +indexes: the database does less per request, so the service serves more
    assertThat(maxRps(indexes)).isGreaterThan(maxRps(naive));
    // +no N+1: fewer queries per listing request
    assertThat(listingQueries(noN1)).isLessThan(listingQueries(indexes) / 2);
    // +pool: no connection set-up per request; the server's own time is not worse than without the pool
    assertThat(maxRps(pool)).isGreaterThan(maxRps(naive));
    // +cache: hits, where no step before had any, and fewer queries
    assertThat(cache.path("service").path("cacheHitRatio").asDouble()).isGreaterThan(0.3);
    for (JsonNode s : List.of(naive, indexes, noN1, pool)) {
      assertThat(s.path("service").path("cacheHitRatio").asDouble()).isZero();
    }
    assertThat(queries(cache)).isLessThan(queries(pool));
    // +compression: fewer bytes on the wire
    assertThat(optimized.path("bytesPerResponse").asDouble()).isLessThan(cache.path("bytesPerResponse").asDouble() / 2);
    // and optimized against naive, at the same offered rate
    assertThat(optimized.path("open").path("p99Ms").asDouble()).isLessThan(naive.path("open").path("p99Ms").asDouble());
    assertThat(maxRps(optimized)).isGreaterThan(maxRps(naive));
    assertThat(shop.path("acceptance")).hasSizeGreaterThanOrEqualTo(4);

    String html = Files.readString(out.resolve("index.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains("Environment").contains("Reproduce:")
        .contains("hotpath demo --quick").contains("<svg").contains("Comparison: naive vs +compression")
        .doesNotContain("<script").doesNotContain("http://fonts").endsWith("</html>\n");
    for (String s : STEPS) {
      assertThat(html).contains(s.equals("naive") ? "naive" : "+" + s);
    }
  }

  private static double maxRps(JsonNode step) {
    return step.path("closed").path("maxRps").asDouble();
  }

  private static double queries(JsonNode step) {
    return step.path("service").path("queriesPerRequest").asDouble();
  }

  private static double listingQueries(JsonNode step) {
    return step.path("service").path("queriesPerRequestByEndpoint").path("GET /products").asDouble();
  }
}
