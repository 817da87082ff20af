package dev.hotpath.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.Ticker;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class PipelineTest {

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  /** An endless source that counts what it produced. */
  private static Iterable<Integer> counting(AtomicInteger produced, int limit) {
    return () ->
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return produced.get() < limit;
          }

          @Override
          public Integer next() {
            return produced.getAndIncrement();
          }
        };
  }

  private static PipelineConfig config(WorkerThreads threads) {
    return PipelineConfig.builder().threads(threads).bufferSize(8).build();
  }

  private static void jitter() {
    if (ThreadLocalRandom.current().nextInt(8) == 0) {
      Thread.yield();
    }
  }

  @ParameterizedTest
  @EnumSource(WorkerThreads.class)
  void filterMapBatchToSinkKeepsOrder(WorkerThreads threads) throws Exception {
    List<List<String>> out = new CopyOnWriteArrayList<>();
    PipelineStats stats =
        Pipeline.from("test", range(1_000), config(threads))
            .filter(i -> i % 2 == 0)
            .map(i -> "n" + i)
            .batch(100, Duration.ofHours(1))
            .to(out::add)
            .await();
    List<String> flat = out.stream().flatMap(List::stream).toList();
    assertThat(flat).hasSize(500);
    assertThat(flat).containsExactlyElementsOf(range(500).stream().map(i -> "n" + (2 * i)).toList());
    assertThat(out).hasSize(5).allMatch(b -> b.size() == 100);
    assertThat(stats.stages())
        .extracting(StageStats::name)
        .containsExactly("source", "filter#1", "map#2", "batch#3", "sink");
    assertThat(stats.stage("filter#1").elementsIn()).isEqualTo(1_000);
    assertThat(stats.stage("filter#1").elementsOut()).isEqualTo(500);
    assertThat(stats.stage("sink").elementsIn()).isEqualTo(5);
  }

  @ParameterizedTest
  @EnumSource(WorkerThreads.class)
  void orderedMapParallelPreservesOrder(WorkerThreads threads) throws Exception {
    List<Integer> out = new CopyOnWriteArrayList<>();
    Pipeline.from("test", range(5_000), config(threads))
        .mapParallel(
            4,
            i -> {
              jitter();
              return i * 10;
            },
            true)
        .to(out::add)
        .await();
    assertThat(out).containsExactlyElementsOf(range(5_000).stream().map(i -> i * 10).toList());
  }

  @ParameterizedTest
  @EnumSource(WorkerThreads.class)
  void unorderedMapParallelDeliversEveryElementOnce(WorkerThreads threads) throws Exception {
    List<Integer> out = new CopyOnWriteArrayList<>();
    PipelineStats stats =
        Pipeline.from("test", range(5_000), config(threads))
            .mapParallel(
                4,
                i -> {
                  jitter();
                  return i;
                },
                false)
            .named("work")
            .to(out::add)
            .await();
    assertThat(out).containsExactlyInAnyOrderElementsOf(range(5_000));
    assertThat(stats.stage("work").parallelism()).isEqualTo(4);
    assertThat(stats.stage("work").elementsOut()).isEqualTo(5_000);
  }

  @Test
  void batchFlushesAPartialBatchAfterMaxWait() throws Exception {
    CountDownLatch firstBatchSeen = new CountDownLatch(1);
    Iterable<Integer> source =
        () ->
            new Iterator<>() {
              int next;

              @Override
              public boolean hasNext() {
                if (next == 3) { // hold the stream open until the partial batch went out
                  try {
                    firstBatchSeen.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  }
                }
                return next < 5;
              }

              @Override
              public Integer next() {
                return next++;
              }
            };
    List<List<Integer>> out = new CopyOnWriteArrayList<>();
    Pipeline.from("test", source)
        .batch(100, Duration.ofMillis(20))
        .to(
            batch -> {
              out.add(batch);
              firstBatchSeen.countDown();
            })
        .await();
    assertThat(out).containsExactly(List.of(0, 1, 2), List.of(3, 4));
  }

  @ParameterizedTest
  @EnumSource(WorkerThreads.class)
  void firstErrorStopsThePipelineAndNamesTheElement(WorkerThreads threads) throws Exception {
    AtomicInteger produced = new AtomicInteger();
    List<Integer> out = new CopyOnWriteArrayList<>();
    PipelineRun run =
        Pipeline.from("test", counting(produced, 1_000_000), config(threads))
            .map(
                i -> {
                  if (i == 37) {
                    throw new IllegalArgumentException("bad record");
                  }
                  return i;
                })
            .named("parse")
            .mapParallel(3, i -> i + 1, true)
            .to(out::add);
    assertThatThrownBy(run::await)
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> {
              assertThat(e.stage()).isEqualTo("parse");
              assertThat(e.element()).isEqualTo(37);
              assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad record");
              assertThat(e.getMessage()).contains("stage parse failed on element 37");
            });
    assertThat(out).doesNotContain(38).allMatch(i -> i <= 37);
    // bounded buffers + stop on error: the source was stopped long before its end
    assertThat(produced.get()).isLessThan(1_000);
    assertThat(run.isDone()).isTrue();
  }

  @Test
  void errorsInOrderedParallelAndSinkCarryTheirElement() {
    PipelineRun parallel =
        Pipeline.from("test", range(100))
            .mapParallel(
                4,
                i -> {
                  if (i == 50) {
                    throw new IllegalStateException("x");
                  }
                  return i;
                },
                true)
            .to(i -> {});
    assertThatThrownBy(parallel::await)
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> {
              assertThat(e.stage()).isEqualTo("mapParallel#1");
              assertThat(e.element()).isEqualTo(50);
            });
    PipelineRun sink =
        Pipeline.from("test", range(100))
            .to(
                i -> {
                  if (i == 9) {
                    throw new IllegalStateException("disk full");
                  }
                });
    assertThatThrownBy(sink::await)
        .isInstanceOfSatisfying(
            PipelineException.class,
            e -> {
              assertThat(e.stage()).isEqualTo("sink");
              assertThat(e.element()).isEqualTo(9);
            });
    PipelineRun nulls = Pipeline.from("test", range(10)).map(i -> i == 4 ? null : i).to(i -> {});
    assertThatThrownBy(nulls::await)
        .isInstanceOf(PipelineException.class)
        .hasCauseInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @EnumSource(WorkerThreads.class)
  void cancelStopsEveryStage(WorkerThreads threads) throws Exception {
    AtomicInteger produced = new AtomicInteger();
    CountDownLatch hundred = new CountDownLatch(100);
    PipelineRun run =
        Pipeline.from("test", counting(produced, Integer.MAX_VALUE), config(threads))
            .mapParallel(2, i -> i, true)
            .map(i -> i)
            .to(i -> hundred.countDown());
    assertThat(hundred.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(run.cancel()).isTrue();
    assertThatThrownBy(run::await).isInstanceOf(CancellationException.class);
    assertThat(run.isDone()).isTrue();
    int after = produced.get();
    assertThat(after).isLessThan(Integer.MAX_VALUE);
    assertThat(run.cancel()).isFalse();
  }

  /**
   * cancel() racing the end of a run: a true must end await() with CancellationException, a false
   * must mean the run completed or another cancel() won; once the run has ended, cancel() is false.
   * A one-element pipeline cancelled right after its sink ran hits the window between the sink and
   * the run's completion; three threads (of the parameter's kind) cancel at once: at most one wins.
   */
  @ParameterizedTest
  @EnumSource(WorkerThreads.class)
  void cancelAgreesWithHowTheRunEnded(WorkerThreads threads) throws Exception {
    for (int i = 0; i < 2_000; i++) {
      CountDownLatch sinkRan = new CountDownLatch(1);
      PipelineRun run = Pipeline.from("test", List.of(i), config(threads)).to(x -> sinkRan.countDown());
      assertThat(sinkRan.await(30, TimeUnit.SECONDS)).isTrue();
      AtomicInteger won = new AtomicInteger();
      Stress.run(threads, 3, t -> {
        if (run.cancel()) {
          won.incrementAndGet();
        }
      });
      assertThat(won.get()).as("round %d: cancel() winners", i).isLessThanOrEqualTo(1);
      if (won.get() == 1) {
        assertThatThrownBy(run::await).as("round %d: cancel() said true", i).isInstanceOf(CancellationException.class);
      } else {
        assertThat(run.await().stage("sink").elementsIn()).as("round %d", i).isEqualTo(1);
      }
      assertThat(run.cancel()).as("round %d: the run has ended", i).isFalse();
    }
  }

  @Test
  void awaitTakesAnyDuration() throws Exception {
    PipelineRun run = Pipeline.from("test", List.of(1, 2, 3)).to(x -> {});
    assertThat(run.await(ChronoUnit.FOREVER.getDuration()).stage("sink").elementsIn()).isEqualTo(3);
    assertThat(run.await(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)).stage("sink").elementsIn()).isEqualTo(3);
  }

  @Test
  void boundedBuffersHoldBackAFastSource() throws Exception {
    AtomicInteger produced = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    PipelineRun run =
        Pipeline.from("test", counting(produced, 100_000), PipelineConfig.builder().bufferSize(4).build())
            .map(i -> i)
            .to(
                i -> {
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    Thread.sleep(200); // let the fast stages run as far as the buffers allow
    // two buffers of 4, plus at most one element in hand per stage
    assertThat(produced.get()).isLessThanOrEqualTo(4 + 4 + 3);
    release.countDown();
    assertThat(run.await().stage("sink").elementsIn()).isEqualTo(100_000);
  }

  /** A ticker per thread: each stage's busy time is exactly what its own function advanced. */
  private static final class PerThreadTicker implements Ticker {
    private final ThreadLocal<long[]> now = ThreadLocal.withInitial(() -> new long[1]);

    @Override
    public long read() {
      return now.get()[0];
    }

    void advance(long nanos) {
      now.get()[0] += nanos;
    }
  }

  @Test
  void statsShowTheSlowStage() throws Exception {
    PerThreadTicker ticker = new PerThreadTicker();
    PipelineStats stats =
        Pipeline.from("test", range(200), PipelineConfig.builder().ticker(ticker).build())
            .map(
                i -> {
                  ticker.advance(1_000);
                  return i;
                })
            .named("parse")
            .mapParallel(
                2,
                i -> {
                  ticker.advance(50_000);
                  return i;
                },
                false)
            .named("enrich")
            .map(
                i -> {
                  ticker.advance(10_000);
                  return i;
                })
            .named("format")
            .to(i -> {})
            .await();
    assertThat(stats.stage("parse").busyNanos()).isEqualTo(200 * 1_000L);
    assertThat(stats.stage("enrich").busyNanos()).isEqualTo(200 * 50_000L);
    assertThat(stats.stage("format").busyNanos()).isEqualTo(200 * 10_000L);
    assertThat(stats.slowest().name()).isEqualTo("enrich");
  }

  @Test
  void validatesArguments() {
    Pipeline<Integer> p = Pipeline.from("test", range(1));
    assertThatThrownBy(() -> p.mapParallel(0, i -> i, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelism must be in [1, 1024], was 0");
    assertThatThrownBy(() -> p.batch(0, Duration.ofMillis(1)))
        .hasMessage("batch size must be in [1, 1048576], was 0");
    assertThatThrownBy(() -> p.batch(10, Duration.ZERO)).hasMessage("batch maxWait must be > 0, was PT0S");
    assertThatThrownBy(() -> p.named("source")).hasMessage("stage name source is already used");
    assertThatThrownBy(() -> PipelineConfig.builder().bufferSize(0).build())
        .hasMessage("PipelineConfig.bufferSize must be in [1, 1048576], was 0");
    assertThat(p.map(i -> i).named("m").stageNames()).containsExactly("source", "m");
  }

  @Test
  void aPipelineCanRunTwice() throws Exception {
    Pipeline<Integer> p = Pipeline.from("test", range(10)).map(i -> i * 2);
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    p.to(first::add).await();
    p.to(second::add).await();
    assertThat(first).isEqualTo(second).hasSize(10);
  }
}
