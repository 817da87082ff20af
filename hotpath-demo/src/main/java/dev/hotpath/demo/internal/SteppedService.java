package dev.hotpath.demo.internal;

import dev.hotpath.demo.DemoConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service that walks from a naive mode to an optimized one in steps, each switching on one more
 * fix (the shop: naive, +indexes, +no N+1, +pool, +cache, +compression). {@link SteppedCase}
 * measures it; this says how to seed, start and load it.
 */
public interface SteppedService {
  /** The case's name on the command line. */
  String name();

  /** One line for people. */
  String title();

  /** Main class run in the child JVM; prints a {@link ReadyLine} once it listens. */
  String mainClass();

  /** The child's {@code -Xmx}. */
  String heap();

  /** Steps in order: the first is the baseline (naive), the last the fully optimized mode. */
  List<Step> steps();

  /** The child's arguments for {@code step}. */
  List<String> args(Step step, Backends.Database db, Optional<String> redis, DemoConfig config, int port);

  /**
   * Seeds the database when needed (reused when it already holds this seed, scale and schema).
   *
   * @return table name to row count, for the report
   */
  Map<String, Long> seed(Backends.Database db, DemoConfig config, PrintWriter out) throws Exception;

  /**
   * The load mix: requests in the proportions the load should have; the run groups them by
   * endpoint and method, weights each group by its share and cycles through its requests.
   */
  List<Request> loadMix(DemoConfig config);

  /** Requests whose responses (status and body, after decompression) must be identical in every mode. */
  List<Request> verifyRequests(DemoConfig config);

  /**
   * One step.
   *
   * @param name as {@code --steps} names it ({@code naive}, {@code indexes}, ...)
   * @param label in tables ({@code naive}, {@code +indexes})
   * @param fix what the step changes, one sentence for the report
   */
  record Step(String name, String label, String fix) {}

  /**
   * One request to the service.
   *
   * @param endpoint the endpoint it belongs to, as the service's stats name it ({@code GET /products})
   * @param method {@code GET}, {@code POST}, ...
   * @param path path and query, starting with {@code /}
   * @param body JSON body, empty for none
   */
  record Request(String endpoint, String method, String path, String body) {
    public Request {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with /, was '" + path + "'");
      }
    }
  }
}
