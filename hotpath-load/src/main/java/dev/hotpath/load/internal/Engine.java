package dev.hotpath.load.internal;

import dev.hotpath.load.result.EndpointStats;
import dev.hotpath.load.result.ErrorKind;
import dev.hotpath.load.result.GeneratorHealth;
import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.load.LoadConfig;
import dev.hotpath.load.result.LoadResult;
import dev.hotpath.load.ProgressListener;
import dev.hotpath.load.RateSchedule;
import dev.hotpath.load.RequestSpec;
import dev.hotpath.load.result.RunInfo;
import dev.hotpath.load.Scenario;
import dev.hotpath.load.TargetUnreachableException;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencySnapshot;
import dev.hotpath.metrics.Ticker;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * One load run on Netty: event loops (epoll when available, NIO otherwise), connections spread
 * over them, the open model's per-loop schedulers or the closed model's send-on-answer loop, and a
 * reporting thread (the caller) that turns recorders into interval and final statistics.
 *
 * <p>Timing (the whole point): every request has an intended start, {@code start + plan offset}
 * in {@link Ticker} nanoseconds; latency = completion - intended start, so time spent waiting for
 * the generator, a connection or the server all counts, and a stalled server cannot hide behind
 * requests the generator failed to send (coordinated omission).
 */
public final class Engine {
  private static final int MAX_INTERVALS = 256; // beyond it, neighbours are coalesced

  final Ticker ticker;
  final @Nullable SslContext sslContext;
  final String host;
  final int port;
  final InetSocketAddress address;
  final CompiledRequest[] requests;
  final EndpointRecorder[] endpoints;
  final boolean closedModel;
  private final LoadConfig config;
  private final @Nullable RateSchedule plan;
  private final long planTotal;
  private final int[] pickTable;
  private final long thinkNanos;
  private final LatencyRecorder scheduleLag = new LatencyRecorder();
  private final LongAdder outstanding = new LongAdder();
  private final LongAdder queuedWaits = new LongAdder();
  private final AtomicLong closedSeq = new AtomicLong();
  private volatile @Nullable Throwable lastProtocolError;

  volatile long start;
  volatile long measureStart = Long.MAX_VALUE;
  private volatile long end;
  volatile boolean started;
  volatile boolean stopping;
  private volatile boolean interrupted;
  private Duration startLate = Duration.ZERO; // how much after --start-at the run really began

  public Engine(LoadConfig config) {
    this.config = config;
    this.ticker = config.ticker();
    this.plan = config.schedule();
    this.planTotal = plan == null ? 0 : plan.totalRequests();
    this.closedModel = plan == null;
    this.thinkNanos = config.thinkTime().toNanos();
    Scenario scenario = config.scenario();
    URI target = scenario.target();
    this.host = target.getHost();
    boolean https = "https".equalsIgnoreCase(target.getScheme());
    this.port = target.getPort() < 0 ? (https ? 443 : 80) : target.getPort();
    List<RequestSpec> specs = scenario.requests();
    this.requests = new CompiledRequest[specs.size()];
    this.endpoints = new EndpointRecorder[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      RequestSpec s = specs.get(i);
      try {
        requests[i] = new CompiledRequest(s, scenario.csvColumns(), scenario.csvRows());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("request '" + s.name() + "': " + e.getMessage(), e);
      }
      endpoints[i] = new EndpointRecorder(s);
    }
    this.pickTable = smoothWeightedTable(specs);
    if (https) {
      try {
        SslContextBuilder b = SslContextBuilder.forClient();
        if (config.insecure()) {
          b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        } else {
          b.endpointIdentificationAlgorithm("HTTPS");
        }
        this.sslContext = b.build();
      } catch (SSLException e) {
        throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
      }
    } else {
      this.sslContext = null;
    }
    try {
      this.address = new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new TargetUnreachableException("cannot reach " + host + ":" + port + ": unknown host", e);
    }
  }

  /** Spreads requests by weight evenly over a cycle (smooth weighted round-robin), chosen by k. */
  private static int[] smoothWeightedTable(List<RequestSpec> specs) {
    int total = 0;
    for (RequestSpec s : specs) {
      total += s.weight();
    }
    int[] table = new int[total];
    int[] current = new int[specs.size()];
    for (int t = 0; t < total; t++) {
      int best = 0;
      for (int i = 0; i < specs.size(); i++) {
        current[i] += specs.get(i).weight();
        if (current[i] > current[best]) {
          best = i;
        }
      }
      current[best] -= total;
      table[t] = best;
    }
    return table;
  }

  int pick(long k) {
    return pickTable[(int) (k % pickTable.length)];
  }

  long plannedOffset(long k) {
    if (plan == null || k >= planTotal || (config.maxRequests() > 0 && k >= config.maxRequests())) {
      return -1;
    }
    return plan.intendedOffsetNanos(k);
  }

  private boolean measured(long intendedAt) {
    return intendedAt >= measureStart;
  }

  void scheduled(long intendedAt, long now) {
    if (measured(intendedAt)) {
      scheduleLag.record(now - intendedAt);
    }
  }

  void planned(int endpoint, long intendedAt) {
    outstanding.increment();
    if (measured(intendedAt)) {
      endpoints[endpoint].planned.increment();
    }
  }

  void queued() {
    queuedWaits.increment();
  }

  void dropped(int endpoint, long intendedAt) {
    outstanding.decrement();
    if (measured(intendedAt)) {
      endpoints[endpoint].dropped.increment();
    }
  }

  void abandoned(int endpoint, long intendedAt) {
    dropped(endpoint, intendedAt);
  }

  void failed(int endpoint, long intendedAt, ErrorKind kind) {
    outstanding.decrement();
    if (measured(intendedAt)) {
      endpoints[endpoint].error(kind);
    }
  }

  void noteProtocolError(Throwable cause) {
    lastProtocolError = cause;
  }

  void completed(int endpoint, long intendedAt, long sentAt, long now, int status, long bodyBytes,
      @Nullable String serverTiming) {
    outstanding.decrement();
    if (!measured(intendedAt)) {
      return;
    }
    EndpointRecorder e = endpoints[endpoint];
    e.latency.record(now - intendedAt);
    e.serviceTime.record(now - sentAt);
    e.status(status);
    e.bytesReceived.add(bodyBytes);
    if (e.spec.isExpected(status)) {
      e.successes.increment();
    } else {
      e.error(ErrorKind.forStatus(status));
    }
    if (serverTiming != null) {
      ServerTimingParser.parse(serverTiming, e);
    }
  }

  /** Closed model: the connection sends its next request(s), after the think time if any. */
  void closedNext(LoopWorker worker, Connection c) {
    if (!started || stopping) {
      return;
    }
    if (thinkNanos > 0) {
      var unused = worker.loop.schedule(() -> closedSend(c), thinkNanos, TimeUnit.NANOSECONDS);
    } else {
      while (c.canAccept() && closedSend(c)) {
        // fill the pipeline
      }
    }
  }

  private boolean closedSend(Connection c) {
    long now = ticker.read();
    if (stopping || now - end >= 0 || !c.canAccept()) {
      return false;
    }
    long seq = closedSeq.getAndIncrement();
    if (config.maxRequests() > 0 && seq >= config.maxRequests()) {
      return false;
    }
    int ep = pick(seq);
    planned(ep, now);
    c.send(now, ep, seq);
    return true;
  }

  /** Asks a running {@link #run} to stop soon (Ctrl-C); results so far are still returned. */
  public void stop() {
    interrupted = true;
    stopping = true;
  }

  /**
   * Runs the load and returns its result. Blocks the calling thread, which does the reporting.
   *
   * @throws TargetUnreachableException if no connection to the target could be opened
   */
  public LoadResult run(ProgressListener listener) {
    int threads = Math.min(config.ioThreads(), config.connections());
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, factory);
    try {
      return runOn(group, epoll, listener);
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  /** Waits for --start-at (connections are already open); returns how late the start is. */
  private Duration awaitStart() {
    dev.hotpath.load.StartAt at = config.startAt();
    if (at == null) {
      return Duration.ZERO;
    }
    try {
      return at.await(java.time.InstantSource.system(), dev.hotpath.load.StartAt.Sleeper.system());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
      return Duration.ZERO;
    }
  }

  private LoadResult runOn(MultiThreadIoEventLoopGroup group, boolean epoll, ProgressListener listener) {
    Bootstrap base = new Bootstrap()
        .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()));
    List<LoopWorker> workers = new ArrayList<>();
    int loops = 0;
    for (EventExecutor ignored : group) {
      loops++;
    }
    int queuePerLoop = closedModel ? 0 : Math.max(config.queueCapacity() / loops, config.queueCapacity() > 0 ? 1 : 0);
    int i = 0;
    for (EventExecutor e : group) {
      EventLoop loop = (EventLoop) e;
      workers.add(new LoopWorker(loop, this, i++, loops, queuePerLoop, config.shard()));
    }
    for (int c = 0; c < config.connections(); c++) {
      LoopWorker w = workers.get(c % loops);
      w.addConnection(base.clone().group(w.loop), config.pipelining());
    }
    warmConnections(workers);
    startLate = awaitStart();

    long timeoutNanos = config.timeout().toNanos();
    long sweepMillis = Math.max(1, Math.min(100, config.timeout().toMillis() / 20));
    ResourceUse before = ResourceUse.now();
    Instant wallStart = Instant.now();
    long t0 = ticker.read();
    start = t0;
    measureStart = t0 + config.warmup().toNanos();
    end = t0 + config.runLength().toNanos();
    started = true;
    for (LoopWorker w : workers) {
      var unused = w.loop.scheduleAtFixedRate(() -> w.sweepTimeouts(timeoutNanos), sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
      if (closedModel) {
        w.loop.execute(() -> w.connections.forEach(c -> closedNext(w, c)));
      } else {
        w.loop.execute(w);
      }
    }

    Reporter reporter = new Reporter(listener);
    long intervalNanos = config.interval().toNanos();
    long nextTick = t0 + intervalNanos;
    while (true) {
      long now = ticker.read();
      if (now - nextTick >= 0) {
        reporter.tick(nextTick - intervalNanos, nextTick);
        nextTick += intervalNanos;
        continue;
      }
      if (stopping || finished(workers, now)) {
        break;
      }
      LockSupport.parkNanos(Math.min(nextTick - now, 10_000_000L));
    }
    stopping = true;
    // drain: what is in flight or waiting gets up to the timeout (Ctrl-C: up to a second) to finish
    long graceEnd = ticker.read() + (interrupted ? Math.min(timeoutNanos, 1_000_000_000L) : timeoutNanos + 50_000_000L);
    while (outstanding.sum() > 0 && ticker.read() - graceEnd < 0) {
      LockSupport.parkNanos(1_000_000L);
    }
    List<Future<?>> abandons = new ArrayList<>();
    for (LoopWorker w : workers) {
      abandons.add(w.loop.submit(w::abandon));
    }
    for (Future<?> f : abandons) {
      f.awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    long stopAt = ticker.read();
    // a full open-model run measured the whole planned window, even if its last answer came early
    boolean wholePlan = !closedModel && !interrupted && config.maxRequests() == 0;
    long measuredEnd = wholePlan ? end : Math.min(stopAt, end);
    reporter.tick(nextTick - intervalNanos, stopAt);
    Duration elapsed = Duration.ofNanos(Math.max(0, measuredEnd - measureStart));
    ResourceUse after = ResourceUse.now();
    return reporter.result(wallStart.plusNanos(config.warmup().toNanos()), elapsed, before, after, stopAt - t0);
  }

  private boolean finished(List<LoopWorker> workers, long now) {
    if (closedModel) {
      boolean budgetUsed = config.maxRequests() > 0 && closedSeq.get() >= config.maxRequests();
      return now - end >= 0 || (budgetUsed && outstanding.sum() == 0);
    }
    for (LoopWorker w : workers) {
      if (!w.planDone) {
        return false;
      }
    }
    return true;
  }

  /** Opens every connection before the clock starts; fails if none could be opened. */
  private void warmConnections(List<LoopWorker> workers) {
    List<ChannelFuture> futures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (LoopWorker w : workers) {
      for (Connection c : w.connections) {
        try {
          w.loop.submit(() -> futures.add(c.open())).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while connecting", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("cannot start connecting: " + e.getCause(), e.getCause());
        }
      }
    }
    Throwable cause = null;
    int ok = 0;
    long deadline = System.nanoTime() + config.timeout().toNanos() + 1_000_000_000L;
    for (ChannelFuture f : futures) {
      long left = Math.max(1, deadline - System.nanoTime());
      f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS);
      if (f.isSuccess()) {
        ok++;
      } else if (cause == null) {
        cause = f.cause() == null ? new TimeoutException("connect timed out") : f.cause();
      }
    }
    if (ok == 0 && cause != null) {
      String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      throw new TargetUnreachableException("cannot reach " + host + ":" + port + ": " + why, cause);
    }
    // TLS: wait until at least one handshake is through, so the first requests do not pay for it
    if (sslContext != null) {
      long until = System.nanoTime() + config.timeout().toNanos();
      while (System.nanoTime() < until && workers.stream().flatMap(w -> w.connections.stream()).noneMatch(Connection::isReady)) {
        LockSupport.parkNanos(1_000_000L);
      }
      if (workers.stream().flatMap(w -> w.connections.stream()).noneMatch(Connection::isReady)) {
        throw new TargetUnreachableException("cannot reach " + host + ":" + port + ": TLS handshake failed", new SSLException("handshake"));
      }
    }
  }

  /** CPU time and GC of this process at one moment. */
  private record ResourceUse(long cpuNanos, long gcCount, long gcMillis) {
    static ResourceUse now() {
      long cpu = 0;
      if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        cpu = os.getProcessCpuTime();
      }
      long count = 0;
      long time = 0;
      for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
        count += Math.max(0, gc.getCollectionCount());
        time += Math.max(0, gc.getCollectionTime());
      }
      return new ResourceUse(cpu, count, time);
    }
  }

  /** The reporting side: interval series, progress, final statistics. Caller thread only. */
  private final class Reporter {
    private final ProgressListener listener;
    private final List<IntervalStats> series = new ArrayList<>();
    private long prevSuccesses;
    private long prevErrors;
    private long prevDropped;
    private long prevBytes;

    Reporter(ProgressListener listener) {
      this.listener = listener;
    }

    void tick(long from, long to) {
      LatencySnapshot lat = LatencySnapshot.empty();
      LatencySnapshot svc = LatencySnapshot.empty();
      long successes = 0;
      long errors = 0;
      long dropped = 0;
      long bytes = 0;
      for (EndpointRecorder e : endpoints) {
        LatencySnapshot[] s = e.takeInterval();
        lat = lat.merge(s[0]);
        svc = svc.merge(s[1]);
        successes += e.successes.sum();
        errors += e.errorCount();
        dropped += e.dropped.sum();
        bytes += e.bytesReceived.sum();
      }
      long ds = successes - prevSuccesses;
      long de = errors - prevErrors;
      boolean warmingUp = to - measureStart <= 0;
      IntervalStats interval = new IntervalStats(
          Duration.ofNanos(Math.max(0, from - measureStart)), Duration.ofNanos(Math.max(0, to - Math.max(from, Math.min(to, measureStart)))),
          ds + de, ds, de, dropped - prevDropped, bytes - prevBytes, lat, svc);
      prevSuccesses = successes;
      prevErrors = errors;
      prevDropped = dropped;
      prevBytes = bytes;
      listener.onInterval(interval, Duration.ofNanos(to - start), config.runLength(), warmingUp);
      if (!warmingUp && to > from) {
        series.add(interval);
        if (series.size() >= MAX_INTERVALS) {
          List<IntervalStats> merged = new ArrayList<>();
          for (int i = 0; i + 1 < series.size(); i += 2) {
            merged.add(series.get(i).merge(series.get(i + 1)));
          }
          if (series.size() % 2 == 1) {
            merged.add(series.get(series.size() - 1));
          }
          series.clear();
          series.addAll(merged);
        }
      }
    }

    LoadResult result(Instant startedAt, Duration elapsed, ResourceUse before, ResourceUse after, long runNanos) {
      List<EndpointStats> eps = new ArrayList<>();
      EndpointStats overall = null;
      for (EndpointRecorder e : endpoints) {
        EndpointStats s = e.stats(elapsed);
        eps.add(s);
        overall = overall == null ? s : overall.merge(s, "overall");
      }
      if (overall == null) {
        throw new IllegalStateException("no endpoints");
      }
      if (eps.size() == 1) {
        EndpointStats s = eps.get(0);
        overall = new EndpointStats("overall", s.elapsed(), s.planned(), s.successes(), s.errors(), s.dropped(),
            s.statusCodes(), s.bytesSent(), s.bytesReceived(), s.latency(), s.serviceTime(), s.serverTiming());
      }
      LatencySnapshot lag = scheduleLag.intervalSnapshot();
      int cores = Runtime.getRuntime().availableProcessors();
      double cpu = runNanos <= 0 ? 0 : (after.cpuNanos - before.cpuNanos) / (double) runNanos / cores;
      long gcCount = after.gcCount - before.gcCount;
      Duration gcTime = Duration.ofMillis(after.gcMillis - before.gcMillis);
      List<String> warnings = new ArrayList<>();
      boolean trustworthy = true;
      if (lag.p99() > 10_000_000L) {
        trustworthy = false;
        warnings.add(String.format(Locale.ROOT,
            "the generator sent late: schedule lag p99 %s, max %s (it could not keep up with the plan; latencies include its own delay)",
            dev.hotpath.metrics.Durations.format(lag.p99()), dev.hotpath.metrics.Durations.format(lag.max())));
      }
      if (cpu > 0.90) {
        trustworthy = false;
        warnings.add(String.format(Locale.ROOT, "the generator used %.0f%% of all CPU cores: it may be the bottleneck", cpu * 100));
      }
      if (runNanos > 0 && gcTime.toNanos() > runNanos / 20) {
        trustworthy = false;
        warnings.add("the generator spent " + gcTime.toMillis() + " ms in GC (over 5% of the run)");
      }
      long waits = queuedWaits.sum();
      if (!closedModel && overall.planned() > 0 && waits * 100 > overall.planned()) {
        warnings.add(String.format(Locale.ROOT,
            "%.1f%% of requests waited for a free connection (raise --connections); the wait is part of their latency",
            100.0 * waits / overall.planned()));
      }
      if (startLate.compareTo(Duration.ofSeconds(1)) > 0) {
        warnings.add("started " + dev.hotpath.load.DurationParser.format(startLate)
            + " after --start-at: this shard's arrivals are shifted against the others'");
      }
      Throwable pe = lastProtocolError;
      if (pe != null) {
        warnings.add("last protocol error: " + pe.getMessage());
      }
      GeneratorHealth health = new GeneratorHealth(lag, Math.max(0, cpu), gcCount, gcTime, trustworthy, warnings);
      Map<String, String> labels = new TreeMap<>(config.labels());
      if (!config.shard().isWhole()) {
        labels.put(dev.hotpath.load.result.LoadShard.LABEL, config.shard().label()); // merge checks shards by it
      }
      RunInfo run = new RunInfo(
          "hotpath " + version(),
          startedAt,
          elapsed,
          config.warmup(),
          config.model(),
          config.scenario().source(),
          plan == null
              ? "think time " + dev.hotpath.load.DurationParser.format(config.thinkTime())
              : plan.toString(),
          config.connections(),
          config.pipelining(),
          interrupted,
          labels);
      return new LoadResult(run, overall, eps, series, List.of(), health);
    }
  }

  private static String version() {
    Package p = Engine.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
