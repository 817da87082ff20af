package dev.hotpath.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.FakeTicker;
import dev.hotpath.resilience.CircuitBreaker;
import dev.hotpath.resilience.CircuitBreakerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** LoadBalancer with a FakeTicker: deterministic time, no sleeps. */
class LoadBalancerTest {
  final FakeTicker ticker = new FakeTicker();

  static LoadBalancerConfig.Builder config(BalancingStrategy strategy) {
    return LoadBalancerConfig.builder().strategy(strategy).noCircuitBreaker();
  }

  LoadBalancer<String> balancer(LoadBalancerConfig config, String... endpoints) {
    return LoadBalancer.builder(List.of(endpoints)).config(config).ticker(ticker).build();
  }

  static String failOn(String bad, String endpoint) throws IOException {
    if (endpoint.equals(bad)) {
      throw new IOException(endpoint + " answered 503");
    }
    return endpoint;
  }

  /** Calls through the balancer, swallowing failures; returns how often each endpoint was chosen. */
  static Map<String, Integer> run(LoadBalancer<String> lb, int calls, EndpointCall<String, String> call) {
    Map<String, Integer> chosen = new HashMap<>();
    for (int i = 0; i < calls; i++) {
      try {
        lb.call(e -> {
          chosen.merge(e, 1, Integer::sum);
          return call.call(e);
        });
      } catch (Exception expected) {
        // failures are the point of some tests
      }
    }
    return chosen;
  }

  static EndpointStatus<String> status(LoadBalancer<String> lb, String endpoint) {
    return lb.status().stream().filter(s -> s.endpoint().equals(endpoint)).findFirst().orElseThrow();
  }

  @Test
  void roundRobinTakesEachEndpointInTurn() {
    LoadBalancer<String> lb = balancer(config(BalancingStrategy.ROUND_ROBIN).build(), "a", "b", "c");

    assertThat(run(lb, 300, e -> e)).containsOnly(Map.entry("a", 100), Map.entry("b", 100), Map.entry("c", 100));
  }

  @Test
  void leastOutstandingPicksTheEndpointWithFewestCallsInFlight() {
    LoadBalancer<String> lb = balancer(config(BalancingStrategy.LEAST_OUTSTANDING).build(), "a", "b", "c");
    LoadBalancer.Selection<String> first = lb.select();
    LoadBalancer.Selection<String> second = lb.select();
    LoadBalancer.Selection<String> third = lb.select();

    assertThat(Set.of(first.endpoint(), second.endpoint(), third.endpoint())).containsExactlyInAnyOrder("a", "b", "c");
    second.success();
    assertThat(lb.select().endpoint()).isEqualTo(second.endpoint());
  }

  @Test
  void consecutiveFailuresEjectAnEndpointForAGrowingBackOff() {
    LoadBalancerConfig config = config(BalancingStrategy.ROUND_ROBIN)
        .consecutiveFailures(3).baseEjectionTime(Duration.ofSeconds(30)).maxEjectionTime(Duration.ofSeconds(300)).build();
    LoadBalancer<String> lb = balancer(config, "a", "b", "c");

    Map<String, Integer> chosen = run(lb, 300, e -> failOn("b", e));
    assertThat(chosen.get("b")).isEqualTo(3); // three failures, then never again while ejected
    assertThat(chosen.get("a") + chosen.get("c")).isEqualTo(297);
    assertThat(status(lb, "b").availability()).isEqualTo(EndpointStatus.Availability.EJECTED);
    assertThat(status(lb, "b").ejections()).isEqualTo(1);

    ticker.advance(Duration.ofSeconds(30)); // first ejection over
    assertThat(status(lb, "b").availability()).isEqualTo(EndpointStatus.Availability.AVAILABLE);
    assertThat(run(lb, 300, e -> failOn("b", e)).get("b")).isEqualTo(3); // still failing: out again

    ticker.advance(Duration.ofSeconds(30)); // the second ejection lasts 60 s
    assertThat(status(lb, "b").availability()).isEqualTo(EndpointStatus.Availability.EJECTED);
    assertThat(run(lb, 30, e -> e)).doesNotContainKey("b");
    ticker.advance(Duration.ofSeconds(30));
    assertThat(run(lb, 30, e -> e)).containsEntry("b", 10); // recovered: back in the rotation
  }

  @Test
  void aSuccessResetsTheFailureCount() {
    LoadBalancer<String> lb = balancer(config(BalancingStrategy.ROUND_ROBIN).consecutiveFailures(3).build(), "a");
    AtomicInteger n = new AtomicInteger();

    run(lb, 100, e -> { // fails twice out of three: never three in a row
      if (n.incrementAndGet() % 3 != 0) {
        throw new IOException("flaky");
      }
      return e;
    });

    assertThat(status(lb, "a").ejections()).isZero();
  }

  @Test
  void neverEjectsMoreThanTheAllowedShare() {
    LoadBalancerConfig config = config(BalancingStrategy.ROUND_ROBIN).consecutiveFailures(2).maxEjectedPercent(50).build();
    LoadBalancer<String> lb = balancer(config, "a", "b");

    Map<String, Integer> chosen = run(lb, 100, e -> {
      throw new IOException("everything is down");
    });

    long ejected = lb.status().stream().filter(s -> s.availability() == EndpointStatus.Availability.EJECTED).count();
    assertThat(ejected).isEqualTo(1); // one of two (50 %), the other keeps taking calls
    assertThat(chosen.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
  }

  @Test
  void activeHealthChecksTakeAnEndpointOutAndBackIn() {
    Set<String> down = ConcurrentHashMap.newKeySet();
    LoadBalancer<String> lb = LoadBalancer.builder(List.of("a", "b"))
        .config(config(BalancingStrategy.ROUND_ROBIN).unhealthyThreshold(2).healthyThreshold(1).build())
        .ticker(ticker)
        .healthCheck(e -> {
          if (e.equals("a") && down.contains("a")) {
            throw new IOException("connection refused"); // a throwing check is a failed check
          }
          return !down.contains(e);
        })
        .build();

    down.add("b");
    lb.checkHealth();
    assertThat(status(lb, "b").availability()).isEqualTo(EndpointStatus.Availability.AVAILABLE); // one failure is not enough
    lb.checkHealth();
    assertThat(status(lb, "b").availability()).isEqualTo(EndpointStatus.Availability.UNHEALTHY);
    assertThat(run(lb, 20, e -> e)).containsOnly(Map.entry("a", 20));

    down.add("a");
    lb.checkHealth();
    lb.checkHealth();
    assertThatThrownBy(lb::select)
        .isInstanceOf(NoAvailableEndpointException.class)
        .hasMessage("no endpoint may take the call: a (marked down by its health check); b (marked down by its health check)");

    down.clear();
    lb.checkHealth();
    assertThat(run(lb, 20, e -> e)).containsOnly(Map.entry("a", 10), Map.entry("b", 10));
  }

  @Test
  void scheduledHealthChecksRunOnTheGivenExecutorUntilClosed() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      CountDownLatch rounds = new CountDownLatch(6); // two endpoints, three rounds
      LoadBalancer<String> lb = LoadBalancer.builder(List.of("a", "b"))
          .config(config(BalancingStrategy.ROUND_ROBIN).healthCheckInterval(Duration.ofMillis(5)).build())
          .healthCheck(e -> {
            rounds.countDown();
            return false;
          }, scheduler)
          .build();
      assertThat(rounds.await(10, TimeUnit.SECONDS)).isTrue();
      lb.close();
      assertThat(lb.status()).allMatch(s -> s.availability() == EndpointStatus.Availability.UNHEALTHY);
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void aPerEndpointCircuitBreakerShieldsAFailingEndpointAndProbesItLater() throws Exception {
    CircuitBreakerConfig breaker = CircuitBreakerConfig.builder()
        .slidingWindow(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED, 4)
        .minimumNumberOfCalls(4)
        .failureRateThreshold(50)
        .permittedCallsInHalfOpenState(1)
        .waitInOpenState(Duration.ofSeconds(10))
        .eventExecutor(Runnable::run)
        .build();
    LoadBalancerConfig config = LoadBalancerConfig.builder()
        .strategy(BalancingStrategy.ROUND_ROBIN)
        .consecutiveFailures(1000) // ejection off: the breaker alone acts
        .circuitBreaker(breaker)
        .build();
    LoadBalancer<String> lb = balancer(config, "a", "b");

    Map<String, Integer> chosen = run(lb, 100, e -> failOn("b", e));

    assertThat(chosen.get("b")).isEqualTo(4); // the window filled with failures, then the breaker opened
    assertThat(status(lb, "b").breakerState()).hasValue(CircuitBreaker.State.OPEN);
    assertThat(status(lb, "b").availability()).isEqualTo(EndpointStatus.Availability.AVAILABLE); // not ejected: refused by its breaker

    ticker.advance(Duration.ofSeconds(10));
    Map<String, Integer> later = run(lb, 10, e -> e); // b has recovered
    assertThat(later.get("b")).isGreaterThanOrEqualTo(1); // the trial call went through...
    assertThat(status(lb, "b").breakerState()).hasValue(CircuitBreaker.State.CLOSED); // ...and closed the breaker
  }

  @Test
  void noEndpointAvailableSaysWhyForEach() {
    LoadBalancer<String> lb = balancer(config(BalancingStrategy.ROUND_ROBIN).consecutiveFailures(1).maxEjectedPercent(100).build(), "a");
    run(lb, 1, e -> failOn("a", e));

    assertThatThrownBy(lb::select)
        .isInstanceOf(NoAvailableEndpointException.class)
        .hasMessage("no endpoint may take the call: a (ejected for another 30000 ms)");
  }

  @Test
  void reportsAreCountedOnceAndReleaseCountsNothing() {
    LoadBalancer<String> lb = balancer(config(BalancingStrategy.ROUND_ROBIN).consecutiveFailures(2).build(), "a");
    LoadBalancer.Selection<String> s = lb.select();
    s.failure(new IOException("x"));
    s.failure(new IOException("x")); // ignored
    s.success(); // ignored
    lb.select().release();

    EndpointStatus<String> a = status(lb, "a");
    assertThat(a.outstanding()).isZero();
    assertThat(a.consecutiveFailures()).isEqualTo(1);
    assertThat(a.ejections()).isZero();
  }

  @Test
  void badSettingsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> LoadBalancerConfig.builder().maxEjectionTime(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("LoadBalancerConfig.maxEjectionTime must be in [PT30S, PT24H], was PT1S");
    assertThatThrownBy(() -> LoadBalancer.builder(List.of()))
        .hasMessage("endpoints must hold at least one endpoint, was []");
    assertThatThrownBy(() -> LoadBalancer.builder(List.of("a", "a")))
        .hasMessage("endpoints must not repeat an endpoint, was [a, a]");
  }

  /**
   * A discrete-event simulation: two requests start every simulated millisecond; "fast-1" and
   * "fast-2" answer in 10 ms, "slow" in 100 ms. Returns the share of requests the slow one got.
   */
  double slowShare(BalancingStrategy strategy) {
    LoadBalancer<String> lb = balancer(config(strategy).build(), "fast-1", "fast-2", "slow");
    record InFlight(long doneAt, LoadBalancer.Selection<String> selection) {}
    PriorityQueue<InFlight> inFlight = new PriorityQueue<>((x, y) -> Long.compare(x.doneAt, y.doneAt));
    Map<String, Integer> chosen = new HashMap<>();
    long ms = 1_000_000;
    int requests = 0;
    for (int tick = 0; tick < 5_000; tick++) {
      ticker.advance(ms);
      while (!inFlight.isEmpty() && inFlight.peek().doneAt <= ticker.read()) {
        inFlight.poll().selection.success();
      }
      for (int r = 0; r < 2; r++) {
        LoadBalancer.Selection<String> s = lb.select();
        chosen.merge(s.endpoint(), 1, Integer::sum);
        requests++;
        inFlight.add(new InFlight(ticker.read() + (s.endpoint().equals("slow") ? 100 : 10) * ms, s));
      }
    }
    return chosen.getOrDefault("slow", 0) / (double) requests;
  }

  @Test
  void roundRobinGivesTheSlowEndpointItsFullShare() {
    assertThat(slowShare(BalancingStrategy.ROUND_ROBIN)).isBetween(0.32, 0.34);
  }

  @ParameterizedTest
  @EnumSource(value = BalancingStrategy.class, names = {"LEAST_OUTSTANDING", "POWER_OF_TWO_CHOICES"})
  void loadAwareStrategiesShiftTrafficAwayFromASlowEndpoint(BalancingStrategy strategy) {
    double share = slowShare(strategy);
    // Equal in-flight counts give the slow endpoint 1/21 (4.8 %) of the traffic; P2C with EWMA less still.
    assertThat(share).isLessThan(0.10);
    System.out.printf("%s: slow endpoint got %.1f %% of requests (round robin: 33.3 %%)%n", strategy, share * 100);
  }

  @ParameterizedTest
  @EnumSource(BalancingStrategy.class)
  void manyPlatformAndVirtualThreadsLeaveConsistentCounts(BalancingStrategy strategy) throws Exception {
    LoadBalancer<String> lb = LoadBalancer.builder(List.of("a", "b", "c", "d"))
        .config(LoadBalancerConfig.builder().strategy(strategy).consecutiveFailures(50).build()) // default breakers on
        .build();
    int perThread = 2_000;
    LongAdder calls = new LongAdder();
    try (ExecutorService platform = Executors.newFixedThreadPool(8);
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8 + 64; t++) {
        ExecutorService pool = t < 8 ? platform : virtual;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            try {
              lb.call(e -> {
                calls.increment();
                if (ThreadLocalRandom.current().nextInt(20) == 0) {
                  throw new IOException("5 % of calls fail");
                }
                return e;
              });
            } catch (NoAvailableEndpointException e) {
              throw e; // must not happen: half the endpoints always stay in
            } catch (Exception expected) {
              // the injected failures
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
    List<EndpointStatus<String>> status = lb.status();
    assertThat(status).allMatch(s -> s.outstanding() == 0);
    assertThat(status.stream().mapToLong(EndpointStatus::selected).sum()).isEqualTo(72L * perThread).isEqualTo(calls.sum());
  }
}
