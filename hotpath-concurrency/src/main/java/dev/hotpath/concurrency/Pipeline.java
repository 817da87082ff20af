package dev.hotpath.concurrency;

import static dev.hotpath.metrics.ConfigChecks.require;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A typed, staged data pipeline: a source, then filter/map/parallel-map/batch stages, then a sink,
 * each stage on its own thread(s) and joined by bounded buffers.
 *
 * <p>Guarantees of a run ({@link #to(Consumer)}):
 *
 * <ul>
 *   <li>Backpressure: buffers hold at most {@link PipelineConfig#bufferSize()} elements, so a slow
 *       stage slows everything upstream instead of letting memory grow.
 *   <li>Order: preserved by every stage, and by {@link #mapParallel} when {@code ordered} is true.
 *   <li>Errors: the first exception (from the source, a function or the sink) stops every stage and
 *       completes the run with a {@link PipelineException} naming the stage and the element.
 *   <li>Cancellation: {@link PipelineRun#cancel()} stops every stage (threads are interrupted).
 *   <li>The run completes only after every stage thread has ended, so nothing keeps running.
 *   <li>Stats per stage (elements, busy time, utilization) show the slow stage.
 * </ul>
 *
 * <p>A {@code Pipeline} is an immutable description: each method returns a new one, and it can be
 * run several times if its source can be iterated several times. Elements must not be null.
 *
 * <pre>{@code
 * PipelineRun run = Pipeline.from("import", lines)
 *     .filter(line -> !line.isBlank())
 *     .map(Order::parse).named("parse")
 *     .mapParallel(4, this::enrich, true).named("enrich")
 *     .batch(100, Duration.ofMillis(50))
 *     .to(repository::insertAll);
 * PipelineStats stats = run.await();          // throws PipelineException on the first error
 * System.out.println(stats.slowest().name()); // where to add parallelism
 * }</pre>
 *
 * @param <T> the type of elements leaving the last stage
 */
public final class Pipeline<T> {

  /** The description of one stage; turned into threads by {@link PipelineRun}. */
  sealed interface Stage {
    String name();

    Stage named(String name);
  }

  record SourceStage(String name, Iterable<?> source) implements Stage {
    @Override
    public Stage named(String newName) {
      return new SourceStage(newName, source);
    }
  }

  /** A one-to-one-or-zero step: returns the output, or {@link PipelineRun#SKIP} to drop it. */
  @FunctionalInterface
  interface Step {
    Object apply(Object element);
  }

  record StepStage(String name, Step step, int parallelism, boolean ordered) implements Stage {
    @Override
    public Stage named(String newName) {
      return new StepStage(newName, step, parallelism, ordered);
    }
  }

  record BatchStage(String name, int size, Duration maxWait) implements Stage {
    @Override
    public Stage named(String newName) {
      return new BatchStage(newName, size, maxWait);
    }
  }

  private final String name;
  private final PipelineConfig config;
  private final List<Stage> stages;

  private Pipeline(String name, PipelineConfig config, List<Stage> stages) {
    this.name = name;
    this.config = config;
    this.stages = List.copyOf(stages);
  }

  /**
   * A pipeline named {@code name} (its stage threads' name prefix, and in messages) reading {@code
   * source}, with {@link PipelineConfig#ofDefaults()}.
   */
  public static <T> Pipeline<T> from(String name, Iterable<? extends T> source) {
    return from(name, source, PipelineConfig.ofDefaults());
  }

  /** A pipeline named {@code name} reading {@code source} with {@code config}. */
  public static <T> Pipeline<T> from(String name, Iterable<? extends T> source, PipelineConfig config) {
    Objects.requireNonNull(name, "name");
    require(!name.isBlank(), "Pipeline name", "non-blank", "'" + name + "'");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(config, "config");
    return new Pipeline<>(name, config, List.of(new SourceStage("source", source)));
  }

  private <R> Pipeline<R> then(Stage stage) {
    List<Stage> next = new ArrayList<>(stages);
    next.add(stage);
    return new Pipeline<>(name, config, next);
  }

  private String defaultName(String kind) {
    return kind + "#" + stages.size();
  }

  /** Gives the last stage (or the source) a name for stats and errors; names must be unique. */
  public Pipeline<T> named(String name) {
    Objects.requireNonNull(name, "name");
    for (Stage stage : stages) {
      if (stage.name().equals(name)) {
        throw new IllegalArgumentException("stage name " + name + " is already used");
      }
    }
    List<Stage> next = new ArrayList<>(stages);
    next.set(next.size() - 1, next.get(next.size() - 1).named(name));
    return new Pipeline<>(this.name, config, next);
  }

  /** Keeps the elements that match {@code predicate}. */
  @SuppressWarnings("unchecked") // the stage only ever sees Ts
  public Pipeline<T> filter(Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    Step step = e -> predicate.test((T) e) ? e : PipelineRun.SKIP;
    return then(new StepStage(defaultName("filter"), step, 1, true));
  }

  /** Transforms each element with {@code function} (which must not return null). */
  public <R> Pipeline<R> map(Function<? super T, ? extends R> function) {
    Objects.requireNonNull(function, "function");
    return then(new StepStage(defaultName("map"), step(function), 1, true));
  }

  /**
   * Transforms elements with {@code function} on {@code parallelism} threads. With {@code
   * ordered}, results leave in input order (a slow element holds back later ones, up to the buffer
   * size); without, they leave as they finish.
   *
   * @throws IllegalArgumentException if {@code parallelism} is not in [1, 1024]
   */
  public <R> Pipeline<R> mapParallel(
      int parallelism, Function<? super T, ? extends R> function, boolean ordered) {
    Objects.requireNonNull(function, "function");
    if (parallelism < 1 || parallelism > 1024) {
      throw new IllegalArgumentException("parallelism must be in [1, 1024], was " + parallelism);
    }
    return then(new StepStage(defaultName("mapParallel"), step(function), parallelism, ordered));
  }

  @SuppressWarnings("unchecked") // the stage only ever sees Ts
  private static <T, R> Step step(Function<? super T, ? extends R> function) {
    return e -> {
      R out = function.apply((T) e);
      if (out == null) {
        throw new NullPointerException("the function returned null; pipeline elements must not be null");
      }
      return out;
    };
  }

  /**
   * Groups elements into lists of up to {@code size}, emitting a partial list when {@code maxWait}
   * has passed since its first element arrived (and at the end of the stream).
   *
   * @throws IllegalArgumentException if {@code size} is not in [1, 1048576] or {@code maxWait} is
   *     not positive
   */
  public Pipeline<List<T>> batch(int size, Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait");
    if (size < 1 || size > 1 << 20) {
      throw new IllegalArgumentException("batch size must be in [1, 1048576], was " + size);
    }
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("batch maxWait must be > 0, was " + maxWait);
    }
    return then(new BatchStage(defaultName("batch"), size, maxWait));
  }

  /** The stage names, source first; the sink, added by {@link #to}, is named "sink". */
  public List<String> stageNames() {
    return stages.stream().map(Stage::name).toList();
  }

  /** Starts the pipeline, delivering every element to {@code sink} (on one thread, in order). */
  public PipelineRun to(Consumer<? super T> sink) {
    Objects.requireNonNull(sink, "sink");
    return PipelineRun.start(name, config, stages, sink);
  }
}
