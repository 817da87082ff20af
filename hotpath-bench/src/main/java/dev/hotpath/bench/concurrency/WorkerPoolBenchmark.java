package dev.hotpath.bench.concurrency;

import dev.hotpath.concurrency.Backpressure;
import dev.hotpath.concurrency.WorkerPool;
import dev.hotpath.concurrency.WorkerPoolConfig;
import dev.hotpath.concurrency.WorkerThreads;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Small tasks through a pool: each invocation submits {@value #TASKS} tasks that each do a few
 * nanoseconds of arithmetic and count down a latch, then waits for all; the figure is time per
 * task (submit + hand-off + run + completion). hotpath's {@link WorkerPool} (futures, metrics)
 * against {@link ThreadPoolExecutor} with the same 2 platform threads and bounded queue, and a
 * virtual-thread-per-task executor for reference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@SuppressWarnings("NullAway.Init") // fields are set in the @Setup method
public class WorkerPoolBenchmark {
  static final int TASKS = 1_000;

  private WorkerPool hotpath;
  private WorkerPool hotpathVirtual;
  private ThreadPoolExecutor threadPool;
  private ExecutorService virtualPerTask;

  @Setup(Level.Trial)
  public void setUp() {
    WorkerPoolConfig config =
        WorkerPoolConfig.builder()
            .workers(2)
            .queueCapacity(TASKS * 2)
            .backpressure(Backpressure.BLOCK)
            .blockTimeout(Duration.ofSeconds(10))
            .build();
    hotpath = WorkerPool.create("bench", config);
    hotpathVirtual =
        WorkerPool.create("bench-virtual", WorkerPoolConfig.from(config).threads(WorkerThreads.VIRTUAL).build());
    threadPool =
        new ThreadPoolExecutor(
            2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(TASKS * 2),
            new ThreadPoolExecutor.CallerRunsPolicy());
    virtualPerTask = Executors.newVirtualThreadPerTaskExecutor();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    hotpath.close();
    hotpathVirtual.close();
    threadPool.shutdown();
    virtualPerTask.shutdown();
  }

  private static Runnable task(CountDownLatch done, int i) {
    return () -> {
      long x = i * 0x9E3779B97F4A7C15L;
      if ((x ^ (x >>> 31)) != 42) { // always true; keeps the work from being folded away
        done.countDown();
      }
    };
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public void workerPool() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(TASKS);
    for (int i = 0; i < TASKS; i++) {
      var unused = hotpath.submit(task(done, i));
    }
    done.await();
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public void workerPoolVirtualWorkers() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(TASKS);
    for (int i = 0; i < TASKS; i++) {
      var unused = hotpathVirtual.submit(task(done, i));
    }
    done.await();
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public void threadPoolExecutor() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(TASKS);
    for (int i = 0; i < TASKS; i++) {
      var unused = threadPool.submit(task(done, i));
    }
    done.await();
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public void virtualThreadPerTask() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(TASKS);
    for (int i = 0; i < TASKS; i++) {
      var unused = virtualPerTask.submit(task(done, i));
    }
    done.await();
  }
}
