package dev.hotpath.demo.internal;

import dev.hotpath.demo.DemoConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/** A {@link SteppedService} over {@link FakeSteppedServer}; {@code lastFixes} lets a test break the last step. */
final class FakeService implements SteppedService {
  private final String lastFixes;

  FakeService(String lastFixes) {
    this.lastFixes = lastFixes;
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public String title() {
    return "Fake service";
  }

  @Override
  public String mainClass() {
    return FakeSteppedServer.class.getName();
  }

  @Override
  public String heap() {
    return "128m";
  }

  @Override
  public List<Step> steps() {
    return List.of(new Step("naive", "naive", "nothing fixed"), new Step("indexes", "+indexes", "cheaper queries"),
        new Step("no-n-plus-one", "+no-n-plus-one", "fewer queries"), new Step("cache", "+cache", "cached"),
        new Step("compression", "+compression", "gzip"));
  }

  @Override
  public List<String> args(Step step, Backends.Database db, Optional<String> redis, DemoConfig config, int port) {
    List<String> names = steps().stream().map(Step::name).toList();
    int i = names.indexOf(step.name());
    String fixes = i == 0 ? "none" : String.join(",", names.subList(1, i + 1));
    if (i == names.size() - 1 && !lastFixes.isEmpty()) {
      fixes = fixes + "," + lastFixes;
    }
    return List.of("--port", Integer.toString(port), "--jdbc-url", db.url(), "--redis", redis.orElse("none"),
        "--fixes", fixes);
  }

  @Override
  public Map<String, Long> seed(Backends.Database db, DemoConfig config, PrintWriter out) {
    return Map.of("items", 100L);
  }

  @Override
  public List<Request> loadMix(DemoConfig config) {
    return IntStream.range(0, 100).mapToObj(i -> new Request("items", "GET", "/items/" + i, "")).toList();
  }

  @Override
  public List<Request> verifyRequests(DemoConfig config) {
    return List.of(new Request("items", "GET", "/items/1", ""), new Request("items", "GET", "/items/10", ""),
        new Request("items", "GET", "/nothing", ""));
  }
}
