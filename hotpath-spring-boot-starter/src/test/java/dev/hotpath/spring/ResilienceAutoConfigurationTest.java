package dev.hotpath.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.resilience.CircuitBreaker;
import dev.hotpath.resilience.CircuitBreakerConfig;
import dev.hotpath.resilience.RateLimiter;
import dev.hotpath.resilience.ResilienceMetrics;
import dev.hotpath.resilience.Retry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** hotpath-resilience guards by name from hotpath.resilience.* properties. */
class ResilienceAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HotpathResilienceAutoConfiguration.class));

  @Test
  void guardsTakeTheirSettingsFromProperties() {
    runner.withPropertyValues(
            "hotpath.resilience.circuit-breakers.inventory.failure-rate-threshold=25",
            "hotpath.resilience.circuit-breakers.inventory.sliding-window-type=time-based",
            "hotpath.resilience.circuit-breakers.inventory.sliding-window-size=30",
            "hotpath.resilience.circuit-breakers.inventory.wait-in-open-state=5s",
            "hotpath.resilience.bulkheads.payments.max-concurrent-calls=3",
            "hotpath.resilience.retries.inventory.max-attempts=4",
            "hotpath.resilience.retries.inventory.initial-backoff=50ms",
            "hotpath.resilience.time-limiters.inventory.timeout=250ms")
        .run(context -> {
          Guards guards = context.getBean(Guards.class);
          CircuitBreakerConfig breaker = guards.circuitBreaker("inventory").config();
          assertThat(breaker.failureRateThreshold()).isEqualTo(25.0);
          assertThat(breaker.slidingWindowType()).isEqualTo(CircuitBreakerConfig.SlidingWindowType.TIME_BASED);
          assertThat(breaker.slidingWindowSize()).isEqualTo(30);
          assertThat(breaker.waitInOpenState()).isEqualTo(Duration.ofSeconds(5));
          assertThat(breaker.slowCallRateThreshold()).isEqualTo(CircuitBreakerConfig.ofDefaults().slowCallRateThreshold());
          assertThat(guards.bulkhead("payments").config().maxConcurrentCalls()).isEqualTo(3);
          assertThat(guards.retry("inventory").config().maxAttempts()).isEqualTo(4);
          assertThat(guards.retry("inventory").config().initialBackoff()).isEqualTo(Duration.ofMillis(50));
          assertThat(guards.timeLimiter("inventory").config().timeout()).isEqualTo(Duration.ofMillis(250));
        });
  }

  @Test
  void aConfiguredRateLimiterLimits() {
    runner.withPropertyValues(
            "hotpath.resilience.rate-limiters.search.limit-for-period=2",
            "hotpath.resilience.rate-limiters.search.period=1h",
            "hotpath.resilience.rate-limiters.search.burst=2",
            "hotpath.resilience.rate-limiters.search.max-wait=0s")
        .run(context -> {
          RateLimiter search = context.getBean(Guards.class).rateLimiter("search");
          assertThat(search.tryAcquirePermit()).isNotNull();
          assertThat(search.tryAcquirePermit()).isNotNull();
          assertThat(search.tryAcquirePermit()).isNull(); // the third within the hour is refused
        });
  }

  @Test
  void anUnconfiguredNameGetsTheDefaultsOnceAndForAll() {
    runner.run(context -> {
      Guards guards = context.getBean(Guards.class);
      assertThat(guards.circuitBreaker("other").config()).isEqualTo(CircuitBreakerConfig.ofDefaults());
      assertThat(guards.circuitBreaker("other")).isSameAs(guards.circuitBreaker("other"));
    });
  }

  @Test
  void aBadValueStopsTheApplicationNamingTheGuard() {
    runner.withPropertyValues("hotpath.resilience.bulkheads.payments.max-concurrent-calls=0").run(context ->
        assertThat(context).getFailure().hasStackTraceContaining(
            "Invalid hotpath.resilience.bulkheads.payments: BulkheadConfig.maxConcurrentCalls must be"));
    runner.withPropertyValues("hotpath.resilience.circuit-breakers.x.sliding-window-type=sometimes").run(context ->
        assertThat(context).getFailure().hasStackTraceContaining(
            "Invalid hotpath.resilience.circuit-breakers.x: slidingWindowType must be COUNT_BASED or TIME_BASED, was 'sometimes'"));
  }

  @Test
  void configuredGuardsAreMetered() {
    runner.withPropertyValues("hotpath.resilience.circuit-breakers.inventory.failure-rate-threshold=50").run(context -> {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      context.getBean(ResilienceMetrics.class).bindTo(registry);
      assertThat(registry.find("hotpath.circuitbreaker.calls").tag("name", "inventory").meters()).isNotEmpty();
    });
  }

  @Test
  void theDocsExampleOpensTheBreakerAfterFailures() throws java.io.IOException {
    java.util.Properties example = new java.util.Properties();
    try (var in = getClass().getResourceAsStream("/docs-example.properties")) {
      example.load(in);
    }
    runner.withPropertyValues(example.stringPropertyNames().stream().filter(k -> k.startsWith("hotpath.resilience."))
            .map(k -> k + "=" + example.getProperty(k)).toArray(String[]::new))
        .withBean(Inventory.class)
        .run(context -> {
          Inventory inventory = context.getBean(Inventory.class);
          for (int i = 0; i < 2; i++) { // 2 calls x 3 attempts: 6 failures, over the 4-call minimum at 100 %
            assertThat(inventory.stock("sku-1")).isEqualTo(-1);
          }
          assertThat(context.getBean(Guards.class).circuitBreaker("inventory").state())
              .isEqualTo(dev.hotpath.resilience.CircuitBreaker.State.OPEN);
          assertThat(inventory.remoteCalls).hasValue(4); // the breaker stopped the calls once open
        });
  }

  // tag::guards[]
  static class Inventory {
    private final CircuitBreaker breaker;
    private final Retry retry;
    final AtomicInteger remoteCalls = new AtomicInteger();

    Inventory(Guards guards) {
      this.breaker = guards.circuitBreaker("inventory");
      this.retry = guards.retry("inventory");
    }

    int stock(String sku) {
      try {
        return retry.call(() -> breaker.call(() -> remoteStock(sku)));
      } catch (Exception e) { // CallNotPermittedException once the breaker is open
        return -1;
      }
    }
    // end::guards[]

    private int remoteStock(String sku) {
      remoteCalls.incrementAndGet();
      throw new IllegalStateException("inventory service down for " + sku);
    }
  }

  @Test
  void switchesOff() {
    runner.withPropertyValues("hotpath.resilience.enabled=false").run(context -> assertThat(context).doesNotHaveBean(Guards.class));
  }
}
