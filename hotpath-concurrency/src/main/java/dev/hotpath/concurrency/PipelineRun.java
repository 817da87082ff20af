package dev.hotpath.concurrency;

import dev.hotpath.concurrency.Pipeline.BatchStage;
import dev.hotpath.concurrency.Pipeline.SourceStage;
import dev.hotpath.concurrency.Pipeline.Stage;
import dev.hotpath.concurrency.Pipeline.StepStage;
import dev.hotpath.metrics.Durations;
import dev.hotpath.metrics.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A running {@link Pipeline}: its completion, its live stats, and cancellation.
 *
 * <p>Thread-safe. {@link #completion()} completes normally with the final stats when the sink has
 * consumed the last element, or exceptionally with the first {@link PipelineException} or a {@link
 * CancellationException}; in every case only after all stage threads have ended.
 */
public final class PipelineRun {
  static final Object SKIP = new Object();
  private static final Object END = new Object();
  /**
   * Set into {@link #failure} by {@link #finish()} when the run ends without one: from then on no
   * failure and no cancellation can be recorded, so {@code cancel()} and the outcome agree.
   */
  private static final Object COMPLETED = new Object();

  private final String name;
  private final PipelineConfig config;
  private final Ticker ticker;
  private final long startNanos;
  private final List<Counters> counters = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  /** The first failure or cancellation (a RuntimeException), or COMPLETED once the run ended without one. */
  private final AtomicReference<@Nullable Object> failure = new AtomicReference<>();
  private final AtomicInteger liveThreads = new AtomicInteger();
  private final CompletableFuture<PipelineStats> completion = new CompletableFuture<>();
  private volatile long endNanos = Long.MIN_VALUE;

  private PipelineRun(String name, PipelineConfig config) {
    this.name = name;
    this.config = config;
    this.ticker = config.ticker();
    this.startNanos = ticker.read();
  }

  static PipelineRun start(String name, PipelineConfig config, List<Stage> stages, Consumer<?> sink) {
    PipelineRun run = new PipelineRun(name, config);
    run.wire(stages, sink);
    run.liveThreads.set(run.threads.size());
    for (Thread thread : run.threads) {
      thread.start();
    }
    return run;
  }

  /** Completes with the final stats, or with the first error or a cancellation. */
  public CompletableFuture<PipelineStats> completion() {
    return completion.copy(); // a copy: cancelling it must not pretend to cancel the run
  }

  /**
   * Waits for the run to end and returns its stats.
   *
   * @throws PipelineException the first error
   * @throws CancellationException if the run was cancelled
   */
  public PipelineStats await() throws InterruptedException {
    try {
      return completion.get();
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  /**
   * Waits up to {@code timeout} for the run to end.
   *
   * @throws TimeoutException if it is still running
   */
  public PipelineStats await(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      return completion.get(Durations.toNanosSaturated(timeout), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  private static RuntimeException unwrap(ExecutionException e) {
    return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
  }

  /**
   * Stops every stage. Returns true when this call decided the outcome, and then {@link #await()}
   * throws {@link CancellationException}; false when the run had already completed, failed or been
   * cancelled (then the outcome stays what it was).
   */
  public boolean cancel() {
    return fail(new CancellationException("pipeline " + name + " was cancelled"));
  }

  /** Whether every stage thread has ended. */
  public boolean isDone() {
    return completion.isDone();
  }

  /** Live (or, once done, final) per-stage stats. */
  public PipelineStats stats() {
    long end = endNanos;
    long elapsed = (end == Long.MIN_VALUE ? ticker.read() : end) - startNanos;
    List<StageStats> stages = new ArrayList<>(counters.size());
    for (Counters c : counters) {
      stages.add(
          new StageStats(c.name, c.parallelism, c.in.sum(), c.out.sum(), c.busy.sum(), elapsed));
    }
    return new PipelineStats(stages, elapsed);
  }

  private boolean fail(RuntimeException error) {
    if (!failure.compareAndSet(null, error)) {
      return false;
    }
    for (Thread thread : threads) {
      thread.interrupt();
    }
    return true;
  }

  private void fail(String stage, @Nullable Object element, Throwable cause) {
    fail(new PipelineException(stage, element, cause));
  }

  // ---- wiring ----

  private static final class Counters {
    final String name;
    final int parallelism;
    final LongAdder in = new LongAdder();
    final LongAdder out = new LongAdder();
    final LongAdder busy = new LongAdder();

    Counters(String name, int parallelism) {
      this.name = name;
      this.parallelism = parallelism;
    }
  }

  private BlockingQueue<Object> buffer() {
    return new ArrayBlockingQueue<>(config.bufferSize());
  }

  private void wire(List<Stage> stages, Consumer<?> sink) {
    BlockingQueue<Object> upstream = null;
    for (Stage stage : stages) {
      BlockingQueue<Object> out = buffer();
      switch (stage) {
        case SourceStage s -> source(s, out);
        case StepStage s when s.parallelism() == 1 -> step(s, requireUpstream(upstream), out);
        case StepStage s when s.ordered() -> orderedParallel(s, requireUpstream(upstream), out);
        case StepStage s -> unorderedParallel(s, requireUpstream(upstream), out);
        case BatchStage s -> batch(s, requireUpstream(upstream), out);
      }
      upstream = out;
    }
    sink(sink, requireUpstream(upstream));
  }

  private static BlockingQueue<Object> requireUpstream(@Nullable BlockingQueue<Object> upstream) {
    if (upstream == null) {
      throw new IllegalStateException("a pipeline starts with its source");
    }
    return upstream;
  }

  private Counters counters(String name, int parallelism) {
    Counters c = new Counters(name, parallelism);
    counters.add(c);
    return c;
  }

  /** Adds a stage thread; the body returns normally at END, or throws InterruptedException when stopped. */
  private void thread(String name, Body body) {
    Thread.Builder builder =
        config.threads() == WorkerThreads.VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
    threads.add(
        builder
            .name(this.name + "-" + name)
            .unstarted(
                () -> {
                  try {
                    body.run();
                  } catch (InterruptedException e) {
                    // stopped by fail()/cancel(); the failure is already recorded
                    if (failure.get() == null) {
                      fail(name, null, e);
                    }
                  } catch (Throwable t) {
                    fail(name, null, t); // a bug in the stage machinery itself
                  } finally {
                    if (liveThreads.decrementAndGet() == 0) {
                      finish();
                    }
                  }
                }));
  }

  @FunctionalInterface
  private interface Body {
    void run() throws InterruptedException;
  }

  private void finish() {
    endNanos = ticker.read();
    // One atomic step decides: either a failure or cancellation got in first, or none ever will.
    Object error = failure.compareAndExchange(null, COMPLETED);
    if (error == null) {
      completion.complete(stats());
    } else {
      completion.completeExceptionally((RuntimeException) error); // finish runs once: never COMPLETED here
    }
  }

  private void source(SourceStage stage, BlockingQueue<Object> out) {
    Counters c = counters(stage.name(), 1);
    thread(
        stage.name(),
        () -> {
          Iterator<?> it;
          long t0 = ticker.read();
          try {
            it = stage.source().iterator();
          } catch (RuntimeException e) {
            fail(stage.name(), null, e);
            return;
          }
          while (true) {
            Object next;
            try {
              if (!it.hasNext()) {
                c.busy.add(ticker.read() - t0);
                break;
              }
              next = it.next();
            } catch (RuntimeException e) {
              fail(stage.name(), null, e);
              return;
            }
            c.busy.add(ticker.read() - t0);
            if (next == null) {
              fail(stage.name(), null, new NullPointerException("the source produced null"));
              return;
            }
            out.put(next);
            c.out.increment();
            t0 = ticker.read();
          }
          out.put(END);
        });
  }

  /** Applies the step; returns the output, SKIP, or null after recording a failure. */
  private @Nullable Object apply(StepStage stage, Counters c, Object element) {
    long t0 = ticker.read();
    try {
      return stage.step().apply(element);
    } catch (RuntimeException | Error e) {
      fail(stage.name(), element, e);
      return null;
    } finally {
      c.busy.add(ticker.read() - t0);
    }
  }

  private void step(StepStage stage, BlockingQueue<Object> in, BlockingQueue<Object> out) {
    Counters c = counters(stage.name(), 1);
    thread(
        stage.name(),
        () -> {
          if (pump(stage, c, in, out)) {
            out.put(END);
          }
        });
  }

  /** Applies the step to each element until END; returns false if the step failed. */
  private boolean pump(StepStage stage, Counters c, BlockingQueue<Object> in, BlockingQueue<Object> out)
      throws InterruptedException {
    for (Object e = in.take(); e != END; e = in.take()) {
      c.in.increment();
      Object result = apply(stage, c, e);
      if (result == null) {
        return false;
      }
      if (result != SKIP) {
        out.put(result);
        c.out.increment();
      }
    }
    return true;
  }

  private void unorderedParallel(StepStage stage, BlockingQueue<Object> in, BlockingQueue<Object> out) {
    Counters c = counters(stage.name(), stage.parallelism());
    AtomicInteger running = new AtomicInteger(stage.parallelism());
    for (int i = 0; i < stage.parallelism(); i++) {
      thread(
          stage.name() + "-" + i,
          () -> {
            if (!pump(stage, c, in, out)) {
              return;
            }
            in.put(END); // upstream has finished, so there is room: pass END to a sibling
            if (running.decrementAndGet() == 0) {
              out.put(END);
            }
          });
    }
  }

  /** One element of an ordered parallel stage; completed by a worker, read in order by the collector. */
  private static final class Slot {
    final Object element;
    final CompletableFuture<Object> result = new CompletableFuture<>();

    Slot(Object element) {
      this.element = element;
    }
  }

  private void orderedParallel(StepStage stage, BlockingQueue<Object> in, BlockingQueue<Object> out) {
    Counters c = counters(stage.name(), stage.parallelism());
    int parallelism = stage.parallelism();
    // The order queue bounds how far workers may run ahead of the oldest unfinished element.
    BlockingQueue<Object> order = new ArrayBlockingQueue<>(Math.max(config.bufferSize(), parallelism));
    BlockingQueue<Object> work = new ArrayBlockingQueue<>(parallelism);
    thread(
        stage.name() + "-dispatch",
        () -> {
          for (Object e = in.take(); e != END; e = in.take()) {
            c.in.increment();
            Slot slot = new Slot(e);
            order.put(slot);
            work.put(slot);
          }
          order.put(END);
          for (int i = 0; i < parallelism; i++) {
            work.put(END);
          }
        });
    for (int i = 0; i < parallelism; i++) {
      thread(
          stage.name() + "-" + i,
          () -> {
            for (Object w = work.take(); w != END; w = work.take()) {
              Slot slot = (Slot) w;
              Object result = apply(stage, c, slot.element);
              if (result == null) {
                return;
              }
              slot.result.complete(result);
            }
          });
    }
    thread(
        stage.name() + "-collect",
        () -> {
          for (Object o = order.take(); o != END; o = order.take()) {
            Object result;
            try {
              result = ((Slot) o).result.get();
            } catch (ExecutionException e) {
              throw new IllegalStateException(e); // slots are never completed exceptionally
            }
            if (result != SKIP) {
              out.put(result);
              c.out.increment();
            }
          }
          out.put(END);
        });
  }

  private void batch(BatchStage stage, BlockingQueue<Object> in, BlockingQueue<Object> out) {
    Counters c = counters(stage.name(), 1);
    long maxWait = Durations.toNanosSaturated(stage.maxWait()); // FOREVER: batches only fill or end
    thread(
        stage.name(),
        () -> {
          boolean ended = false;
          while (!ended) {
            Object first = in.take();
            if (first == END) {
              break;
            }
            c.in.increment();
            List<Object> batch = new ArrayList<>(Math.min(stage.size(), 1024));
            batch.add(first);
            // real time, not the ticker: this is a wait, not a measurement
            long deadline = System.nanoTime() + maxWait;
            while (batch.size() < stage.size()) {
              long remaining = deadline - System.nanoTime();
              Object next = remaining <= 0 ? in.poll() : in.poll(remaining, TimeUnit.NANOSECONDS);
              if (next == null) {
                break;
              }
              if (next == END) {
                ended = true;
                break;
              }
              c.in.increment();
              batch.add(next);
            }
            out.put(List.copyOf(batch));
            c.out.increment();
          }
          out.put(END);
        });
  }

  @SuppressWarnings("unchecked") // elements reaching the sink are the pipeline's T
  private void sink(Consumer<?> sink, BlockingQueue<Object> in) {
    Consumer<Object> consumer = (Consumer<Object>) sink;
    Counters c = counters("sink", 1);
    thread(
        "sink",
        () -> {
          for (Object e = in.take(); e != END; e = in.take()) {
            c.in.increment();
            long t0 = ticker.read();
            try {
              consumer.accept(e);
            } catch (RuntimeException | Error ex) {
              fail("sink", e, ex);
              return;
            } finally {
              c.busy.add(ticker.read() - t0);
            }
          }
        });
  }

  @Override
  public String toString() {
    return "PipelineRun[" + name + ", " + stats() + "]";
  }
}
