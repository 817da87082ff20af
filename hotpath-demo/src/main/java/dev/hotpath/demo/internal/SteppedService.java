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

  /** The load mix: each endpoint's weight and the request paths it cycles through. */
  List<Endpoint> loadMix();

  /** Paths whose responses must be byte-identical in every mode (after decompression). */
  List<Endpoint> verifyPaths();

  /**
   * One step.
   *
   * @param name as {@code --steps} names it ({@code naive}, {@code indexes}, ...)
   * @param label in tables ({@code naive}, {@code +indexes})
   * @param fix what the step changes, one sentence for the report
   */
  record Step(String name, String label, String fix) {}

  /**
   * One endpoint of the service.
   *
   * @param name as the report names it ({@code listing})
   * @param weight its share of the load mix, 1 to 1000
   * @param paths request paths starting with {@code /}, used in turn
   */
  record Endpoint(String name, int weight, List<String> paths) {
    public Endpoint {
      paths = List.copyOf(paths);
      if (paths.isEmpty()) {
        throw new IllegalArgumentException("endpoint " + name + " has no paths");
      }
    }
  }
}
