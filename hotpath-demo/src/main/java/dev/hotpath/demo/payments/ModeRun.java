package dev.hotpath.demo.payments;

import dev.hotpath.demo.internal.ChildJvm;
import dev.hotpath.http.BalancingStrategy;
import dev.hotpath.http.LoadBalancer;
import dev.hotpath.http.LoadBalancerConfig;
import dev.hotpath.http.NoAvailableEndpointException;
import dev.hotpath.metrics.LatencyRecorder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs one mode through the fault timeline: starts the gateway and three instances, drives payments
 * and {@code /balance} at a fixed offered rate through hotpath-http's {@link LoadBalancer} (open model:
 * latency from each request's intended start), kills and restarts an instance, waits for the queue to
 * drain, then checks the database and the gateway's ledger.
 */
@SuppressWarnings("EnumOrdinal") // error counters indexed by class: no map per second
final class ModeRun {
  /** How many instances sit behind the balancer. */
  static final int INSTANCES = 3;
  /**
   * The instances' JVM options. Three instances, the driver (with the gateway), PostgreSQL and RabbitMQ
   * share the machine: profiled on 2 cores, C2 compilation took ~40 % of an instance's CPU in the
   * first 15 s, and the CPU it took from everyone else showed up as queueing in every latency. C1
   * alone (one compiler thread) reaches code good enough for a service that mostly waits on I/O, in
   * a fraction of the CPU; the serial collector runs no GC threads beside it on a heap this small.
   */
  static final List<String> INSTANCE_JVM = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-XX:CICompilerCount=1", "-Xss512k");
  private static final int ATTEMPTS = 3;
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
  /** Requests on the wire at once, as the harness's open model allows: 256 connections. */
  private static final int MAX_CONNECTIONS = 256;

  private final String mode;
  private final boolean naive;
  private final FaultTimeline timeline;
  private final PaymentsOptions options;
  private final PaymentsDatabase db;
  private final Path out;
  private final Consumer<String> progress;
  private final HttpClient http;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final LatencyRecorder refusalsInOutage = new LatencyRecorder();
  private final LatencyRecorder attemptsInOutage = new LatencyRecorder();
  private final LatencyRecorder balanceAll = new LatencyRecorder();
  private final LatencyRecorder balanceInFaults = new LatencyRecorder();
  /** How late each request started against its intended start: a late driver inflates every latency. */
  private final LatencyRecorder driverLag = new LatencyRecorder();
  private ModeResult.Second[] seconds = new ModeResult.Second[0];
  private long t0;

  ModeRun(String mode, FaultTimeline timeline, PaymentsOptions options, PaymentsDatabase db, Path out,
      Consumer<String> progress) {
    this.mode = mode;
    this.naive = "naive".equals(mode);
    this.timeline = timeline;
    this.options = options;
    this.db = db;
    this.out = out;
    this.progress = progress;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(1)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
  }

  ModeResult run() throws Exception {
    String schema = db.createSchema("hotpath_pay_" + mode);
    String queueName = "hotpath-" + schema;
    Path logs = out.resolve("logs");
    List<ChildJvm> started = new CopyOnWriteArrayList<>(); // every JVM started, the restarted one too
    // one thread for the balancer's health checks alone: a restart that takes seconds must not delay them
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().factory());
    ScheduledExecutorService healthChecks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
    try (GatewaySimulator gateway = GatewaySimulator.start(timeline, 42)) {
      List<String> args = new ArrayList<>(List.of("--mode", mode, "--gateway", gateway.uri().toString(),
          "--queue", options.queue(), "--queue-name", queueName, "--parent-watch", "on"));
      args.addAll(db.instanceArgs(schema));
      List<ChildJvm> first = startAll(args, logs);
      started.addAll(first);
      List<URI> endpoints = first.stream().map(c -> URI.create("http://127.0.0.1:" + c.port())).toList();
      String queueKind = naive ? "inline" : queueKindOf(first.get(0).log());
      try (LoadBalancer<URI> balancer = balancer(endpoints, healthChecks)) {
        progress.accept(mode + ": 3 instances up, warming up " + options.warmup().toSeconds() + " s");
        drive(balancer, options.warmup(), false);
        awaitInFlight(Duration.ofSeconds(15));
        int loadSeconds = (int) timeline.load().toSeconds();
        int total = loadSeconds + (int) options.maxDrain().toSeconds() + 2;
        seconds = new ModeResult.Second[total];
        for (int i = 0; i < total; i++) {
          seconds[i] = new ModeResult.Second();
        }
        t0 = System.nanoTime();
        gateway.begin();
        ChildJvm victim = first.get(INSTANCES - 1);
        FaultTimeline.Window down = timeline.window(FaultTimeline.Fault.INSTANCE_DOWN);
        var unusedKill = scheduler.schedule(() -> fault(() -> kill(victim), mode + ": killed instance 3"),
            down.start().toMillis(), TimeUnit.MILLISECONDS);
        var unusedRestart = scheduler.schedule(() -> fault(() -> started.add(start(victim.name() + "-restarted",
            instanceArgs(args, victim.name(), victim.port()), logs)), mode + ": restarted instance 3"),
            down.end().toMillis(), TimeUnit.MILLISECONDS);
        var unusedSampler = scheduler.scheduleAtFixedRate(() -> sampleQueue(schema), 0, 1, TimeUnit.SECONDS);
        progress.accept(mode + ": load " + loadSeconds + " s at " + options.paymentRate() + " payments/s + "
            + options.balanceRate() + " /balance/s");
        drive(balancer, timeline.load(), true);
        long loadEnd = System.nanoTime();
        awaitInFlight(Duration.ofSeconds(20));
        double drainSeconds = drain(schema, loadEnd);
        scheduler.shutdownNow();
        return result(schema, queueKind, gateway, drainSeconds);
      }
    } finally {
      scheduler.shutdownNow();
      healthChecks.shutdownNow();
      started.forEach(ChildJvm::close);
      db.dropSchema(schema);
      if (!naive) {
        OutboxQueue.deleteQueue(queueName);
      }
    }
  }

  private interface Fault {
    void run() throws Exception;
  }

  /** Runs a fault on a thread of its own, so a slow restart holds up nothing else. */
  private void fault(Fault action, String message) {
    Thread.ofVirtual().start(() -> {
      try {
        action.run();
        progress.accept(message + " at " + (System.nanoTime() - t0) / 1_000_000_000 + " s");
      } catch (Exception e) {
        progress.accept(message + " FAILED: " + e.getMessage());
      }
    });
  }

  /** SIGKILL: no shutdown hook runs; in-flight requests and in-memory work die with the process. */
  private static void kill(ChildJvm child) throws Exception {
    Optional<ProcessHandle> handle = ProcessHandle.of(child.pid());
    if (handle.isPresent()) {
      handle.get().destroyForcibly();
      handle.get().onExit().get(10, TimeUnit.SECONDS);
    }
  }

  private static List<String> instanceArgs(List<String> common, String name, int port) {
    List<String> args = new ArrayList<>(common);
    args.addAll(List.of("--name", name, "--port", Integer.toString(port)));
    return args;
  }

  private static ChildJvm start(String name, List<String> args, Path logs) {
    return ChildJvm.start(name, PaymentsServer.class.getName(), args, INSTANCE_JVM, logs, Duration.ofSeconds(60));
  }

  /**
   * Starts the instances at once (JVM start-up dominates) on ports the OS picks: a port chosen free
   * here could be taken by an outbound connection before the child binds it. A restart asks for the
   * same port again (the killed process's listening socket is gone at once).
   */
  private List<ChildJvm> startAll(List<String> args, Path logs) throws Exception {
    List<ChildJvm> children = new ArrayList<>();
    Exception failure = null;
    try (ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor()) {
      List<CompletableFuture<ChildJvm>> starting = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        String name = mode + "-" + (i + 1);
        starting.add(CompletableFuture.supplyAsync(() -> start(name, instanceArgs(args, name, 0), logs), starter));
      }
      for (CompletableFuture<ChildJvm> child : starting) {
        try {
          children.add(child.get());
        } catch (ExecutionException e) {
          failure = e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    }
    if (failure != null) {
      children.forEach(ChildJvm::close);
      throw failure;
    }
    return children;
  }

  private static String queueKindOf(Path log) throws IOException {
    for (String line : java.nio.file.Files.readAllLines(log)) {
      if (line.startsWith(PaymentsServer.QUEUE_LINE)) {
        return line.substring(PaymentsServer.QUEUE_LINE.length()).strip();
      }
    }
    return "unknown";
  }

  private LoadBalancer<URI> balancer(List<URI> endpoints, ScheduledExecutorService scheduler) {
    if (naive) {
      // plain round robin: no health check, no breaker, and an ejection of 1 ms is no ejection at all
      return LoadBalancer.builder(endpoints).config(LoadBalancerConfig.builder()
          .strategy(BalancingStrategy.ROUND_ROBIN).consecutiveFailures(1000)
          .baseEjectionTime(Duration.ofMillis(1)).maxEjectionTime(Duration.ofMillis(1))
          .noCircuitBreaker().build()).build();
    }
    return LoadBalancer.builder(endpoints)
        .config(LoadBalancerConfig.builder()
            .strategy(BalancingStrategy.POWER_OF_TWO_CHOICES)
            .consecutiveFailures(3).baseEjectionTime(Duration.ofSeconds(2)).maxEjectionTime(Duration.ofSeconds(10))
            .maxEjectedPercent(50)
            .unhealthyThreshold(3).healthyThreshold(1).healthCheckInterval(Duration.ofMillis(500))
            .noCircuitBreaker()
            .build())
        .healthCheck(base -> http.send(HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(2))
            .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200, scheduler)
        .build();
  }

  // ---- the load -------------------------------------------------------------------------------------

  private void drive(LoadBalancer<URI> balancer, Duration length, boolean measured) {
    long start = System.nanoTime();
    long paymentPeriod = 1_000_000_000L / options.paymentRate();
    long balancePeriod = 1_000_000_000L / options.balanceRate();
    long payments = 0;
    long balances = 0;
    String prefix = mode + (measured ? "-" : "-warmup-");
    while (true) {
      long nextPayment = start + payments * paymentPeriod;
      long nextBalance = start + balances * balancePeriod;
      long next = Math.min(nextPayment, nextBalance);
      if (next - start >= length.toNanos()) {
        return;
      }
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      inFlight.incrementAndGet();
      if (nextPayment <= nextBalance) {
        long n = payments++;
        Thread.ofVirtual().start(() -> payment(balancer, prefix + n, n, nextPayment, measured));
      } else {
        long n = balances++;
        Thread.ofVirtual().start(() -> balance(balancer, n, nextBalance, measured));
      }
    }
  }

  private void payment(LoadBalancer<URI> balancer, String order, long n, long intended, boolean measured) {
    if (measured) {
      driverLag.record(System.nanoTime() - intended);
    }
    try {
      String body = "{\"order\":\"" + order + "\",\"account\":\"acc-" + (n % 1000) + "\",\"amount\":" + (100 + n % 900) + "}";
      boolean ok = false;
      @Nullable URI avoid = null;
      for (int attempt = 1; attempt <= ATTEMPTS && !ok; attempt++) {
        long sent = System.nanoTime();
        Answer answer = send(balancer, base -> HttpRequest.newBuilder(base.resolve("/payments"))
            .header("Content-Type", "application/json").header("Idempotency-Key", order)
            .POST(HttpRequest.BodyPublishers.ofString(body)), avoid);
        // the optimized client sends the retry after a dead connection to another instance
        avoid = !naive && answer.error() == ErrorClass.CONNECTION ? answer.endpoint() : null;
        long now = System.nanoTime();
        ErrorClass error = answer.error();
        ok = error == null;
        if (measured) {
          if (isGatewayDown(sent)) {
            attemptsInOutage.record(now - sent);
            if (error != null && error.isFastRefusal()) {
              refusalsInOutage.record(now - sent);
            }
          }
          if (error != null) {
            second(now).errors.incrementAndGet(error.ordinal());
          }
        }
        if (!ok && attempt < ATTEMPTS) {
          long pause = answer.retryAfterSeconds > 0 ? Math.min(1_000, answer.retryAfterSeconds * 1_000L) : 200;
          // plus up to half again, as real clients add jitter: refused together, they do not all come back together
          Thread.sleep(pause + ThreadLocalRandom.current().nextLong(pause / 2 + 1));
        }
      }
      if (ok) {
        accepted.add(order);
      }
      if (measured) {
        long now = System.nanoTime();
        (ok ? second(now).paymentsOk : second(now).paymentsFailed).incrementAndGet();
        ModeResult.Second at = second(intended);
        at.requests.incrementAndGet();
        if (ok) {
          at.requestsOk.incrementAndGet();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void balance(LoadBalancer<URI> balancer, long n, long intended, boolean measured) {
    if (measured) {
      driverLag.record(System.nanoTime() - intended);
    }
    try {
      RequestFor request = base -> HttpRequest.newBuilder(base.resolve("/balance/acc-" + (n % 1000))).GET();
      Answer answer = send(balancer, request, null);
      if (!naive && answer.error() == ErrorClass.CONNECTION) {
        // a GET is idempotent: the optimized client tries another instance at once when one is gone
        answer = send(balancer, request, answer.endpoint());
      }
      long latency = System.nanoTime() - intended;
      if (measured) {
        ModeResult.Second at = second(intended);
        at.balance.record(latency);
        balanceAll.record(latency);
        if (timeline.gatewayFaultAt(Duration.ofNanos(intended - t0)).isPresent()) {
          balanceInFaults.record(latency);
        }
        at.requests.incrementAndGet();
        ErrorClass error = answer.error();
        if (error == null) {
          at.requestsOk.incrementAndGet();
        } else {
          second(System.nanoTime()).errors.incrementAndGet(error.ordinal());
        }
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private boolean isGatewayDown(long nanos) {
    return timeline.window(FaultTimeline.Fault.GATEWAY_DOWN).contains(Duration.ofNanos(nanos - t0));
  }

  private ModeResult.Second second(long nanos) {
    int i = (int) Math.max(0, (nanos - t0) / 1_000_000_000L);
    return seconds[Math.min(i, seconds.length - 1)];
  }

  private record Answer(@Nullable ErrorClass error, int retryAfterSeconds, @Nullable URI endpoint) {}

  private interface RequestFor {
    HttpRequest.Builder at(URI base);
  }

  /** One request through the balancer, reporting to it what the endpoint did (not what the gateway did). */
  private Answer send(LoadBalancer<URI> balancer, RequestFor request, @Nullable URI avoid) {
    try {
      // a client has a bounded connection pool: beyond it requests wait here (in their latency), and a
      // wait past the client's timeout is a timeout; the services are never flooded with connections
      if (!connections.tryAcquire(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        return new Answer(ErrorClass.TIMEOUT, 0, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(ErrorClass.TIMEOUT, 0, null);
    }
    try {
      return sendOnce(balancer, request, avoid);
    } finally {
      connections.release();
    }
  }

  private Answer sendOnce(LoadBalancer<URI> balancer, RequestFor request, @Nullable URI avoid) {
    LoadBalancer.Selection<URI> selection;
    try {
      selection = balancer.select();
      // the instance that just failed this request: ask the balancer again (it may have no other)
      for (int i = 0; i < 3 && selection.endpoint().equals(avoid); i++) {
        selection.release();
        selection = balancer.select();
      }
    } catch (NoAvailableEndpointException e) {
      return new Answer(ErrorClass.NO_ENDPOINT, 0, null);
    }
    URI endpoint = selection.endpoint();
    try {
      HttpResponse<String> response = http.send(request.at(selection.endpoint()).timeout(CLIENT_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      String reason = response.headers().firstValue("X-Payment-Reason").orElse("");
      if (status >= 500 && reason.isEmpty()) {
        selection.failure(new IOException("answered " + status));
      } else {
        selection.success(); // it answered, and fast: a refusal on the gateway's behalf is not the instance's fault
      }
      if (status < 300) {
        return new Answer(null, 0, endpoint);
      }
      int retryAfter = response.headers().firstValue("Retry-After").map(Integer::parseInt).orElse(0);
      return new Answer(ErrorClass.ofAnswer(status, reason), retryAfter, endpoint);
    } catch (HttpTimeoutException e) {
      selection.failure(e);
      return new Answer(ErrorClass.TIMEOUT, 0, endpoint);
    } catch (IOException e) {
      selection.failure(e);
      return new Answer(ErrorClass.CONNECTION, 0, endpoint);
    } catch (InterruptedException e) {
      selection.release();
      Thread.currentThread().interrupt();
      return new Answer(ErrorClass.TIMEOUT, 0, endpoint);
    }
  }

  private void awaitInFlight(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  // ---- the queue and the end checks -----------------------------------------------------------------

  private void sampleQueue(String schema) {
    try (Connection c = db.connect(schema)) {
      second(System.nanoTime()).queueDepth.set(PaymentStore.openOutboxCount(c));
    } catch (SQLException e) {
      // a sample lost: the chart has a gap
    }
  }

  /** Waits until no outbox entry is open and no payment PENDING; the seconds it took after the load ended, or -1. */
  private double drain(String schema, long loadEnd) throws SQLException, InterruptedException {
    long deadline = loadEnd + options.maxDrain().toNanos();
    try (Connection c = db.connect(schema)) {
      while (true) {
        if (PaymentStore.openOutboxCount(c) == 0 && PaymentStore.pendingCount(c) == 0) {
          return (System.nanoTime() - loadEnd) / 1e9;
        }
        if (System.nanoTime() > deadline) {
          return -1;
        }
        Thread.sleep(250);
      }
    }
  }

  private ModeResult result(String schema, String queueKind, GatewaySimulator gateway, double drainSeconds)
      throws SQLException {
    Map<String, Integer> charges = gateway.chargesPerOrder();
    Map<String, Integer> completed;
    Set<String> inProgress;
    long pending;
    long openOutbox;
    try (Connection c = db.connect(schema)) {
      completed = PaymentStore.completedPerOrder(c);
      inProgress = PaymentStore.inProgressOrders(c);
      pending = PaymentStore.pendingCount(c);
      openOutbox = PaymentStore.openOutboxCount(c);
    }
    String measuredPrefix = mode + "-";
    long doubleCharged = 0;
    long extraCharges = 0;
    Set<String> owed = new HashSet<>();
    for (Map.Entry<String, Integer> e : charges.entrySet()) {
      if (!e.getKey().startsWith(measuredPrefix) || e.getKey().startsWith(mode + "-warmup-")) {
        continue;
      }
      if (e.getValue() > 1) {
        doubleCharged++;
        extraCharges += e.getValue() - 1;
      }
      owed.add(e.getKey());
    }
    owed.addAll(accepted.stream().filter(o -> !o.startsWith(mode + "-warmup-")).toList());
    // not completed: still on its way (a row PENDING or CHARGED that the reconciler or the outbox will
    // finish), or lost (no row that could ever complete it: rolled back, or failed though charged)
    long unsettled = owed.stream().filter(o -> !completed.containsKey(o) && inProgress.contains(o)).count();
    long lost = owed.stream().filter(o -> !completed.containsKey(o) && !inProgress.contains(o)).count();
    int loadSeconds = (int) timeline.load().toSeconds();
    int kept = drainSeconds < 0 ? seconds.length : Math.min(seconds.length, loadSeconds + (int) Math.ceil(drainSeconds) + 1);
    return new ModeResult(mode, queueKind, timeline, java.util.Arrays.copyOf(seconds, kept), accepted.stream().filter(o -> !o.contains("-warmup-")).count(),
        doubleCharged, extraCharges, lost, unsettled, pending, openOutbox, drainSeconds,
        balanceAll.intervalSnapshot(), balanceInFaults.intervalSnapshot(), refusalsInOutage.intervalSnapshot(),
        attemptsInOutage.intervalSnapshot(), driverLag.intervalSnapshot());
  }

  /** Stops the client's threads. */
  void close() {
    http.close();
    if (http.executor().orElse(null) instanceof ExecutorService e) {
      e.shutdownNow();
    }
  }
}
