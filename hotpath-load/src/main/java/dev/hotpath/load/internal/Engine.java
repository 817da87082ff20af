package dev.hotpath.load.internal;

import dev.hotpath.load.DurationParser;
import dev.hotpath.load.HttpProtocol;
import dev.hotpath.load.LoadConfig;
import dev.hotpath.load.ProgressListener;
import dev.hotpath.load.RequestSpec;
import dev.hotpath.load.Scenario;
import dev.hotpath.load.StartAt;
import dev.hotpath.load.TargetUnreachableException;
import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.GeneratorHealth;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.result.LoadShard;
import dev.hotpath.load.result.RunInfo;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLException;

/**
 * One load run, start to finish. Its parts, each with one job:
 *
 * <ul>
 *   <li>{@link Target}: where the load goes (address, TLS), prepared before the run;
 *   <li>{@link EventLoops}: the transport (io_uring, epoll, NIO) and its event loops;
 *   <li>{@link ArrivalPlan} and {@link RunClock}: which request goes out when, and the run's time line;
 *   <li>{@link LoopWorker} with its {@link Connection}s ({@link Http1Connection}, {@link
 *       Http2Connection}): one event loop's arrivals, wait queue and connections;
 *   <li>{@link LoopRecorder}: what each loop measured, written by that loop only;
 *   <li>{@link Reporter}: intervals, progress and per-endpoint statistics, on this thread;
 *   <li>{@link HealthCheck}: whether the generator itself kept up.
 * </ul>
 *
 * <p>Timing (the whole point): every request has an intended start, {@code start + plan offset}
 * in ticker nanoseconds; latency = completion - intended start, so time spent waiting for the
 * generator, a connection or the server all counts, and a stalled server cannot hide behind
 * requests the generator failed to send (coordinated omission).
 */
public final class Engine {
  private final LoadConfig config;
  private final Target target;
  private final CompiledRequest[] requests;
  private final ExpectedStatuses expected;
  private final ArrivalPlan plan;
  private final RunClock clock;
  private final HealthCheck health;

  private Engine(LoadConfig config, Target target, CompiledRequest[] requests) {
    this.config = config;
    this.target = target;
    this.requests = requests;
    this.expected = new ExpectedStatuses(config.scenario().requests());
    this.plan = new ArrivalPlan(config);
    this.clock = new RunClock(config.ticker());
    this.health = new HealthCheck(config.ticker());
  }

  /**
   * Compiles the requests and prepares the target (DNS, TLS): everything that can fail before a
   * connection is opened.
   *
   * @throws IllegalArgumentException for a bad template, naming the request
   * @throws TargetUnreachableException if the host cannot be resolved
   */
  public static Engine prepare(LoadConfig config) {
    Scenario scenario = config.scenario();
    List<RequestSpec> specs = scenario.requests();
    CompiledRequest[] requests = new CompiledRequest[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      RequestSpec s = specs.get(i);
      try {
        requests[i] = new CompiledRequest(s, scenario.csvColumns(), scenario.csvRows());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("request '" + s.name() + "': " + e.getMessage(), e);
      }
    }
    EventLoops.resolve(config.transport()); // an unavailable transport fails now, not after connecting
    return new Engine(config, Target.prepare(config), requests);
  }

  /** Asks a running {@link #run} to stop soon (Ctrl-C); results so far are still returned. */
  public void stop() {
    clock.interrupt();
  }

  /**
   * Runs the load and returns its result. Blocks the calling thread, which does the reporting.
   *
   * @throws TargetUnreachableException if no connection to the target could be opened
   */
  public LoadResult run(ProgressListener listener) {
    int threads = Math.min(config.ioThreads(), config.connections());
    try (EventLoops loops = EventLoops.start(config.transport(), threads)) {
      return runOn(loops, listener);
    }
  }

  private LoadResult runOn(EventLoops loops, ProgressListener listener) {
    Bootstrap base = new Bootstrap()
        .channel(loops.channelType)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()));
    List<LoopWorker> workers = workers(loops, base);
    List<LoopRecorder> recorders = workers.stream().map(LoopWorker::recorder).toList();
    // Start-up garbage (class loading, option parsing) would otherwise be collected in the first
    // seconds of the run: a 50-140 ms young-generation pause was seen there, as schedule lag. The
    // engine allocates nothing per request afterwards, so this is usually the run's only full GC.
    // Done first, not right before the clock: shards started together in one JVM (tests) must not
    // pause each other's running loops.
    System.gc();
    List<EventLoop> each = workers.stream().map(LoopWorker::loop).toList();
    EngineWarmup.run(each, requests, expected, target.protocol);
    if (target.protocol == HttpProtocol.HTTP_1_1) {
      LoopbackWarmup.run(loops, each, expected);
    }
    openConnections(workers);
    Duration startLate = awaitStart();

    long timeoutNanos = config.timeout().toNanos();
    Instant wallStart = Instant.now();
    health.start();
    long t0 = clock.begin(config.warmup().toNanos(), config.runLength().toNanos());
    for (LoopWorker w : workers) {
      w.startOnLoop(timeoutNanos);
    }

    Reporter reporter = new Reporter(recorders, config.scenario().requests(), clock, plan, listener,
        config.interval(), config.runLength());
    long from = t0;
    long boundary = reporter.nextBoundary(from);
    while (true) {
      long now = clock.now();
      if (now - boundary >= 0 && boundary - clock.end() < 0) {
        reporter.tick(from, boundary);
        from = boundary;
        boundary = reporter.nextBoundary(from);
        continue;
      }
      if (clock.stopping() || finished(workers, reporter, now)) {
        break;
      }
      long wait = boundary - clock.end() < 0 ? boundary - now : 10_000_000L; // past the last boundary: poll
      LockSupport.parkNanos(Math.max(1, Math.min(wait, 10_000_000L)));
    }
    clock.stop();
    reporter.markEnd();
    drain(workers, reporter, timeoutNanos);
    long stopAt = clock.now();
    // a full open-model run measured the whole planned window, even if its last answer came early
    boolean wholePlan = !plan.closedModel() && !clock.interrupted() && config.maxRequests() == 0;
    long measuredEnd = wholePlan ? clock.end() : Math.min(stopAt, clock.end());
    reporter.finish(from, measuredEnd);
    Duration elapsed = Duration.ofNanos(Math.max(0, measuredEnd - clock.measureStart()));
    List<EndpointStats> endpoints = reporter.endpoints(elapsed);
    EndpointStats overall = Reporter.overall(endpoints);
    GeneratorHealth generator = health.assess(reporter.scheduleLag(), stopAt - t0, !plan.closedModel(),
        overall.planned(), reporter.queueWaits(), startLate);
    RunInfo run = runInfo(wallStart.plusNanos(config.warmup().toNanos()), elapsed, loops);
    return new LoadResult(run, overall, endpoints, reporter.series(), List.of(), generator);
  }

  private List<LoopWorker> workers(EventLoops loops, Bootstrap base) {
    int n = 0;
    for (EventExecutor ignored : loops.group) {
      n++;
    }
    int queuePerLoop = plan.closedModel() ? 0 : Math.max(config.queueCapacity() / n, config.queueCapacity() > 0 ? 1 : 0);
    int depth = target.protocol == HttpProtocol.HTTP_2 ? config.maxStreams() : config.pipelining();
    List<LoopWorker> workers = new ArrayList<>();
    int i = 0;
    for (EventExecutor e : loops.group) {
      EventLoop loop = (EventLoop) e;
      LoopRecorder recorder = new LoopRecorder(clock, expected);
      workers.add(new LoopWorker(loop, clock, plan, recorder, config.thinkTime().toNanos(), i++, n, queuePerLoop,
          config.shard()));
    }
    for (int c = 0; c < config.connections(); c++) {
      LoopWorker w = workers.get(c % n);
      ConnectionSetup setup = new ConnectionSetup(target, clock, w.recorder(), health, requests,
          base.clone().group(w.loop()), depth);
      w.addConnection(setup, target.protocol);
    }
    return workers;
  }

  private boolean finished(List<LoopWorker> workers, Reporter reporter, long now) {
    if (plan.closedModel()) {
      return now - clock.end() >= 0 || (plan.budgetUsed() && reporter.outstanding() == 0);
    }
    for (LoopWorker w : workers) {
      if (!w.planDone()) {
        return false;
      }
    }
    return true;
  }

  /** What is in flight or waiting gets up to the timeout (Ctrl-C: up to a second); then the rest is abandoned. */
  private void drain(List<LoopWorker> workers, Reporter reporter, long timeoutNanos) {
    long graceEnd = clock.now() + (clock.interrupted() ? Math.min(timeoutNanos, 1_000_000_000L) : timeoutNanos + 50_000_000L);
    while (reporter.outstanding() > 0 && clock.now() - graceEnd < 0) {
      LockSupport.parkNanos(1_000_000L);
    }
    List<Future<?>> abandons = new ArrayList<>();
    for (LoopWorker w : workers) {
      abandons.add(w.abandonOnLoop());
    }
    for (Future<?> f : abandons) {
      f.awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  /** Waits for --start-at (connections are already open); returns how late the start is. */
  private Duration awaitStart() {
    StartAt at = config.startAt();
    if (at == null) {
      return Duration.ZERO;
    }
    try {
      return at.await(InstantSource.system(), StartAt.Sleeper.system());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      clock.stop();
      return Duration.ZERO;
    }
  }

  /** Opens every connection before the clock starts; fails if none could be opened (or, with TLS, none got through). */
  private void openConnections(List<LoopWorker> workers) {
    List<ChannelFuture> futures = new ArrayList<>();
    for (LoopWorker w : workers) {
      try {
        futures.addAll(w.openAll());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while connecting", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot start connecting: " + e.getCause(), e.getCause());
      }
    }
    Throwable cause = null;
    int ok = 0;
    long deadline = System.nanoTime() + config.timeout().toNanos() + 1_000_000_000L;
    for (ChannelFuture f : futures) {
      f.awaitUninterruptibly(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (f.isSuccess()) {
        ok++;
      } else if (cause == null) {
        cause = f.cause() == null ? new TimeoutException("connect timed out") : f.cause();
      }
    }
    if (ok == 0 && cause != null) {
      throw new TargetUnreachableException(ConnectProblem.describe(target.toString(), cause, config.timeout()), cause);
    }
    // TLS and HTTP/2: wait until one connection is ready, so the first requests do not pay for the handshakes
    if (target.tls() || target.protocol == HttpProtocol.HTTP_2) {
      long until = System.nanoTime() + config.timeout().toNanos();
      while (System.nanoTime() < until && noneReady(workers)) {
        LockSupport.parkNanos(1_000_000L);
      }
      if (noneReady(workers)) {
        Throwable pe = health.lastProtocolError();
        String why = pe != null ? String.valueOf(pe.getMessage())
            : target.tls() ? "TLS handshake failed" : "no HTTP/2 SETTINGS from the server (does it speak h2c with prior knowledge?)";
        throw new TargetUnreachableException("cannot reach " + target + " over " + target.protocolName() + ": " + why,
            new SSLException(why));
      }
    }
  }

  private static boolean noneReady(List<LoopWorker> workers) {
    return workers.stream().noneMatch(LoopWorker::anyReady);
  }

  private RunInfo runInfo(Instant startedAt, Duration elapsed, EventLoops loops) {
    Map<String, String> labels = new TreeMap<>(config.labels());
    LoadShard shard = config.shard();
    if (!shard.isWhole()) {
      labels.put(LoadShard.LABEL, shard.label()); // merge checks shards by it
    }
    var schedule = config.schedule();
    return new RunInfo(
        "hotpath " + version(),
        startedAt,
        elapsed,
        config.warmup(),
        config.model(),
        config.scenario().source(),
        schedule == null ? "think time " + DurationParser.format(config.thinkTime()) : schedule.toString(),
        config.connections(),
        config.pipelining(),
        clock.interrupted(),
        labels,
        target.protocolName(),
        loops.transport.cliName());
  }

  private static String version() {
    Package p = Engine.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
