package dev.hotpath.http;

import dev.hotpath.metrics.Ticker;
import dev.hotpath.resilience.CircuitBreaker;
import dev.hotpath.resilience.CircuitBreakerConfig;
import dev.hotpath.resilience.Permit;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Client-side load balancing over a fixed set of endpoints: the guide's "intelligent load
 * balancing" for its payments case study.
 *
 * <p>Each call goes to one endpoint chosen by the {@linkplain BalancingStrategy strategy} among
 * those that are available: not ejected, not marked down by the active health check, and admitted
 * by the endpoint's circuit breaker (hotpath-resilience, when configured). Outcomes feed back:
 * latency into the endpoint's peak EWMA, failures into passive outlier ejection (consecutive
 * failures eject the endpoint for a back-off period that grows with each ejection in a row, as in
 * Envoy) and into its breaker.
 *
 * <p>Guarantees: a call is never given to an ejected or unhealthy endpoint, nor to one whose breaker
 * refuses it; at most {@code maxEjectedPercent} of the endpoints (but always at least one) are
 * ejected at once, so a wave of failures cannot eject everything; when nothing is available, {@link
 * NoAvailableEndpointException} says why for each endpoint instead of a call being made anyway.
 * Time comes from the injected {@link Ticker}, scheduling from the injected executor.
 *
 * <p>Thread-safe and lock-free on the call path except a short per-endpoint lock around the
 * latency average; works from platform and virtual threads.
 *
 * <pre>{@code
 * LoadBalancer<URI> balancer = LoadBalancer.builder(List.of(URI.create("http://pay-1:8080"), URI.create("http://pay-2:8080")))
 *     .config(LoadBalancerConfig.ofDefaults())
 *     .healthCheck(base -> client.execute(new HttpGet(base.resolve("/health")), r -> r.getCode() == 200), scheduler)
 *     .build();
 * Receipt receipt = balancer.call(base -> client.execute(new HttpPost(base.resolve("/pay")), handler));
 * }</pre>
 *
 * @param <E> the endpoint type (a URI, a host and port, a client per host...)
 */
public final class LoadBalancer<E> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LoadBalancer.class.getName());
  /** Cost of an endpoint that has calls in flight but no latency sample yet: avoid until it answers. */
  private static final double UNKNOWN_BUSY_COST = 1e18;

  private final List<Node<E>> nodes;
  private final LoadBalancerConfig config;
  private final Ticker ticker;
  private final double decayNanos;
  private final long baseEjectionNanos;
  private final long maxEjectionNanos;
  private final int maxEjected;
  private final @Nullable HealthCheck<? super E> healthCheck;
  private final @Nullable ScheduledFuture<?> healthChecks;
  private final AtomicInteger roundRobin = new AtomicInteger();
  private final Object ejectionLock = new Object();

  private LoadBalancer(Builder<E> b) {
    this.config = b.config;
    this.ticker = b.ticker;
    this.decayNanos = config.latencyDecay().toNanos();
    this.baseEjectionNanos = config.baseEjectionTime().toNanos();
    this.maxEjectionNanos = config.maxEjectionTime().toNanos();
    int n = b.endpoints.size();
    this.maxEjected = Math.max(1, n * config.maxEjectedPercent() / 100);
    List<Node<E>> list = new ArrayList<>(n);
    CircuitBreakerConfig breakerConfig = config.circuitBreaker().orElse(null);
    for (E endpoint : b.endpoints) {
      CircuitBreaker breaker = breakerConfig == null ? null : CircuitBreaker.of("endpoint " + endpoint, breakerConfig, ticker);
      list.add(new Node<>(endpoint, breaker));
    }
    this.nodes = List.copyOf(list);
    this.healthCheck = b.healthCheck;
    ScheduledExecutorService scheduler = b.scheduler;
    if (healthCheck != null && scheduler != null) {
      long interval = config.healthCheckInterval().toNanos();
      this.healthChecks = scheduler.scheduleWithFixedDelay(this::checkHealthQuietly, 0, interval, TimeUnit.NANOSECONDS);
    } else {
      this.healthChecks = null;
    }
  }

  /** A builder over {@code endpoints} (at least one, no duplicates). */
  public static <E> Builder<E> builder(List<? extends E> endpoints) {
    return new Builder<>(endpoints);
  }

  /** The settings this balancer runs with. */
  public LoadBalancerConfig config() {
    return config;
  }

  // ---- choosing --------------------------------------------------------------------------------

  /**
   * Chooses an endpoint for one call. The caller must report the outcome exactly once on the
   * returned selection ({@code success}, {@code failure} or {@code release}).
   *
   * @throws NoAvailableEndpointException if no endpoint may take the call
   */
  public Selection<E> select() {
    long now = ticker.read();
    List<Node<E>> candidates = new ArrayList<>(nodes.size());
    for (Node<E> node : nodes) {
      if (node.isAvailable(now)) {
        candidates.add(node);
      }
    }
    while (!candidates.isEmpty()) {
      Node<E> node = pick(candidates, now);
      @Nullable Permit permit = null;
      CircuitBreaker breaker = node.breaker;
      if (breaker != null) {
        permit = breaker.tryAcquirePermit();
        if (permit == null) {
          candidates.remove(node); // refused by its breaker: try the others
          continue;
        }
      }
      node.outstanding.incrementAndGet();
      node.selected.increment();
      return new Selection<>(this, node, permit, ticker.read());
    }
    throw new NoAvailableEndpointException(noneAvailable(now));
  }

  private Node<E> pick(List<Node<E>> candidates, long now) {
    int n = candidates.size();
    if (n == 1) {
      return candidates.get(0);
    }
    return switch (config.strategy()) {
      case ROUND_ROBIN -> candidates.get(Math.floorMod(roundRobin.getAndIncrement(), n));
      case LEAST_OUTSTANDING -> {
        int start = ThreadLocalRandom.current().nextInt(n); // random start breaks ties fairly
        Node<E> best = candidates.get(start);
        for (int i = 1; i < n; i++) {
          Node<E> c = candidates.get((start + i) % n);
          if (c.outstanding.get() < best.outstanding.get()) {
            best = c;
          }
        }
        yield best;
      }
      case POWER_OF_TWO_CHOICES -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int i = random.nextInt(n);
        int j = random.nextInt(n - 1);
        if (j >= i) {
          j++; // two distinct endpoints
        }
        Node<E> a = candidates.get(i);
        Node<E> b = candidates.get(j);
        yield cost(b, now) < cost(a, now) ? b : a;
      }
    };
  }

  /** Peak EWMA latency times (calls in flight + 1), as Finagle's P2C. */
  private double cost(Node<E> node, long now) {
    int inFlight = node.outstanding.get();
    double latency = node.latency(now, decayNanos);
    if (latency < 0) {
      return inFlight == 0 ? 0 : UNKNOWN_BUSY_COST + inFlight;
    }
    return latency * (inFlight + 1);
  }

  private String noneAvailable(long now) {
    StringBuilder sb = new StringBuilder("no endpoint may take the call:");
    for (Node<E> node : nodes) {
      sb.append(' ').append(node.endpoint).append(" (");
      if (!node.healthy) {
        sb.append("marked down by its health check");
      } else if (now - node.ejectedUntil < 0) {
        sb.append("ejected for another ").append(TimeUnit.NANOSECONDS.toMillis(node.ejectedUntil - now)).append(" ms");
      } else {
        CircuitBreaker breaker = node.breaker;
        sb.append("circuit breaker ").append(breaker == null ? "?" : breaker.state());
      }
      sb.append(");");
    }
    sb.setLength(sb.length() - 1);
    return sb.toString();
  }

  /**
   * Calls {@code call} on a chosen endpoint and reports its outcome: returning is a success,
   * throwing a failure. The exception is rethrown as it is.
   *
   * @throws NoAvailableEndpointException if no endpoint may take the call (then nothing was called)
   */
  public <T> T call(EndpointCall<? super E, T> call) throws Exception {
    Selection<E> selection = select();
    try {
      T result = call.call(selection.endpoint());
      selection.success();
      return result;
    } catch (Throwable t) {
      selection.failure(t);
      throw t;
    }
  }

  // ---- outcomes --------------------------------------------------------------------------------

  void completed(Node<E> node, long latencyNanos, boolean success, long now) {
    node.outstanding.decrementAndGet();
    node.observe(latencyNanos, now, decayNanos);
    if (success) {
      node.consecutiveFailures.set(0);
      if (node.successStreak.incrementAndGet() >= config.consecutiveFailures()) {
        node.ejectionsInARow = 0; // it proved itself: the next ejection starts from the base time again
      }
      return;
    }
    node.successStreak.set(0);
    if (node.consecutiveFailures.incrementAndGet() >= config.consecutiveFailures()) {
      eject(node, now);
    }
  }

  private void eject(Node<E> node, long now) {
    synchronized (ejectionLock) {
      if (node.consecutiveFailures.get() < config.consecutiveFailures() || now - node.ejectedUntil < 0) {
        return; // another thread ejected it already
      }
      int ejectedNow = 0;
      for (Node<E> other : nodes) {
        if (now - other.ejectedUntil < 0) {
          ejectedNow++;
        }
      }
      if (ejectedNow >= maxEjected) {
        return; // too many out already: keep it, it fails its calls rather than overloading the rest
      }
      int times = ++node.ejectionsInARow;
      long scaled = baseEjectionNanos * times;
      long duration = scaled / times != baseEjectionNanos || scaled > maxEjectionNanos ? maxEjectionNanos : scaled;
      node.ejectedUntil = now + duration;
      node.ejections.increment();
      node.consecutiveFailures.set(0);
      LOG.log(Level.WARNING, () -> "ejected " + node.endpoint + " for " + TimeUnit.NANOSECONDS.toMillis(duration)
          + " ms after " + config.consecutiveFailures() + " consecutive failures (ejection " + times + " in a row)");
    }
  }

  // ---- active health checks ----------------------------------------------------------------------

  /**
   * Runs the health check once on every endpoint, one after the other, and updates their health.
   * Called by the scheduler given to the builder; call it directly to check on demand.
   *
   * @throws IllegalStateException if the balancer was built without a health check
   */
  public void checkHealth() {
    HealthCheck<? super E> check = healthCheck;
    if (check == null) {
      throw new IllegalStateException("this balancer has no health check; give one to the builder");
    }
    for (Node<E> node : nodes) {
      boolean passed;
      try {
        passed = check.isHealthy(node.endpoint);
      } catch (Exception e) {
        passed = false;
      }
      node.recordCheck(passed, config.healthyThreshold(), config.unhealthyThreshold());
    }
  }

  private void checkHealthQuietly() {
    try {
      checkHealth();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "health check round failed", e); // keep the schedule alive
    }
  }

  // ---- introspection -------------------------------------------------------------------------------

  /** A snapshot of every endpoint, in the order given to the builder. */
  public List<EndpointStatus<E>> status() {
    long now = ticker.read();
    List<EndpointStatus<E>> list = new ArrayList<>(nodes.size());
    for (Node<E> node : nodes) {
      EndpointStatus.Availability availability =
          !node.healthy ? EndpointStatus.Availability.UNHEALTHY
              : now - node.ejectedUntil < 0 ? EndpointStatus.Availability.EJECTED
              : EndpointStatus.Availability.AVAILABLE;
      double latency = node.latency(now, decayNanos);
      CircuitBreaker breaker = node.breaker;
      list.add(new EndpointStatus<>(
          node.endpoint, availability, node.outstanding.get(), Math.max(0, latency),
          node.consecutiveFailures.get(), node.ejections.sum(), node.selected.sum(),
          breaker == null ? null : breaker.state()));
    }
    return list;
  }

  /** The circuit breaker of {@code endpoint}, or {@code null} without breakers. */
  public @Nullable CircuitBreaker circuitBreaker(E endpoint) {
    for (Node<E> node : nodes) {
      if (node.endpoint.equals(endpoint)) {
        return node.breaker;
      }
    }
    throw new IllegalArgumentException("not an endpoint of this balancer: " + endpoint);
  }

  /** Stops the scheduled health checks; calls in flight are unaffected. */
  @Override
  public void close() {
    ScheduledFuture<?> f = healthChecks;
    if (f != null) {
      f.cancel(false);
    }
  }

  // ---- state ------------------------------------------------------------------------------------------

  /** One endpoint's state. */
  static final class Node<E> {
    final E endpoint;
    final @Nullable CircuitBreaker breaker;
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicInteger consecutiveFailures = new AtomicInteger();
    final AtomicInteger successStreak = new AtomicInteger();
    final LongAdder selected = new LongAdder();
    final LongAdder ejections = new LongAdder();
    volatile long ejectedUntil = Long.MIN_VALUE / 2; // "now - ejectedUntil < 0" means ejected (overflow-safe)
    int ejectionsInARow; // guarded by the balancer's ejectionLock (written on success without it: a benign race)
    volatile boolean healthy = true;
    private int checksPassed; // guarded by this
    private int checksFailed; // guarded by this
    private double ewma = -1; // guarded by this; -1 = no sample yet
    private long ewmaAt; // guarded by this

    Node(E endpoint, @Nullable CircuitBreaker breaker) {
      this.endpoint = endpoint;
      this.breaker = breaker;
    }

    boolean isAvailable(long now) {
      return healthy && now - ejectedUntil >= 0;
    }

    /**
     * Peak EWMA (Finagle): a sample above the average replaces it at once (react to spikes); a
     * lower one is blended in with weight 1 - e^(-elapsed/tau), so the average tracks recent
     * latency whatever the call rate.
     */
    synchronized void observe(long latencyNanos, long now, double tau) {
      double rtt = Math.max(0, latencyNanos);
      if (ewma < 0) {
        ewma = rtt;
      } else if (rtt > ewma) {
        ewma = rtt;
      } else {
        double w = Math.exp(-Math.max(0, now - ewmaAt) / tau);
        ewma = ewma * w + rtt * (1 - w);
      }
      ewmaAt = now;
    }

    /** The average decayed towards zero for the time without samples (so an idle slow endpoint is retried), or -1. */
    synchronized double latency(long now, double tau) {
      if (ewma < 0) {
        return -1;
      }
      return ewma * Math.exp(-Math.max(0, now - ewmaAt) / tau);
    }

    synchronized void recordCheck(boolean passed, int healthyThreshold, int unhealthyThreshold) {
      if (passed) {
        checksFailed = 0;
        if (++checksPassed >= healthyThreshold && !healthy) {
          healthy = true;
          LOG.log(Level.INFO, () -> "health check: " + endpoint + " is up");
        }
      } else {
        checksPassed = 0;
        if (++checksFailed >= unhealthyThreshold && healthy) {
          healthy = false;
          LOG.log(Level.WARNING, () -> "health check: " + endpoint + " is down");
        }
      }
    }
  }

  /**
   * One call's endpoint and the duty to report how the call went. Report exactly once; later
   * reports are ignored. Thread-safe.
   *
   * @param <E> the endpoint type
   */
  public static final class Selection<E> {
    private final LoadBalancer<E> balancer;
    private final Node<E> node;
    private final @Nullable Permit permit;
    private final long startNanos;
    private final AtomicBoolean reported = new AtomicBoolean();

    Selection(LoadBalancer<E> balancer, Node<E> node, @Nullable Permit permit, long startNanos) {
      this.balancer = balancer;
      this.node = node;
      this.permit = permit;
      this.startNanos = startNanos;
    }

    /** The endpoint to call. */
    public E endpoint() {
      return node.endpoint;
    }

    /** The call succeeded: its latency (since selection) feeds the average. */
    public void success() {
      if (reported.compareAndSet(false, true)) {
        long now = balancer.ticker.read();
        Permit p = permit;
        if (p != null) {
          p.onSuccess(now - startNanos);
        }
        balancer.completed(node, now - startNanos, true, now);
      }
    }

    /** The call failed with {@code error}: counts towards ejection and the endpoint's breaker. */
    public void failure(Throwable error) {
      Objects.requireNonNull(error, "error");
      if (reported.compareAndSet(false, true)) {
        long now = balancer.ticker.read();
        Permit p = permit;
        if (p != null) {
          p.onError(now - startNanos, error);
        }
        balancer.completed(node, now - startNanos, false, now);
      }
    }

    /** The call was not made or was cancelled: nothing is counted. */
    public void release() {
      if (reported.compareAndSet(false, true)) {
        Permit p = permit;
        if (p != null) {
          p.release();
        }
        node.outstanding.decrementAndGet();
      }
    }
  }

  /**
   * Builds a {@link LoadBalancer}; not thread-safe.
   *
   * @param <E> the endpoint type
   */
  public static final class Builder<E> {
    private final List<E> endpoints;
    private LoadBalancerConfig config = LoadBalancerConfig.ofDefaults();
    private Ticker ticker = Ticker.system();
    private @Nullable HealthCheck<? super E> healthCheck;
    private @Nullable ScheduledExecutorService scheduler;

    private Builder(List<? extends E> endpoints) {
      this.endpoints = List.copyOf(endpoints);
      if (this.endpoints.isEmpty()) {
        throw new IllegalArgumentException("endpoints must hold at least one endpoint, was []");
      }
      if (this.endpoints.stream().distinct().count() != this.endpoints.size()) {
        throw new IllegalArgumentException("endpoints must not repeat an endpoint, was " + this.endpoints);
      }
    }

    /** The settings; default {@link LoadBalancerConfig#ofDefaults()}. */
    public Builder<E> config(LoadBalancerConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The time source for latency, ejection and the breakers; default {@link Ticker#system()}. */
    public Builder<E> ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * An active health check run every {@link LoadBalancerConfig#healthCheckInterval()} on {@code
     * scheduler} (owned by the caller; {@link LoadBalancer#close()} cancels the task, not the executor).
     */
    public Builder<E> healthCheck(HealthCheck<? super E> check, ScheduledExecutorService scheduler) {
      this.healthCheck = Objects.requireNonNull(check, "check");
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** An active health check run only when {@link LoadBalancer#checkHealth()} is called. */
    public Builder<E> healthCheck(HealthCheck<? super E> check) {
      this.healthCheck = Objects.requireNonNull(check, "check");
      this.scheduler = null;
      return this;
    }

    /** Builds the balancer and starts its health checks, if any. */
    public LoadBalancer<E> build() {
      return new LoadBalancer<>(this);
    }
  }
}
