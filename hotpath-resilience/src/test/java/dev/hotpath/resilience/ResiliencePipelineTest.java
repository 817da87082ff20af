package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.FakeTicker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResiliencePipelineTest {
  private final FakeTicker ticker = new FakeTicker();

  private final CircuitBreaker breaker = CircuitBreaker.of("cb", CircuitBreakerConfig.builder()
      .slidingWindow(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED, 4)
      .minimumNumberOfCalls(4).eventExecutor(Runnable::run).build(), ticker);
  private final Retry retry = Retry.of("r", RetryConfig.builder().maxAttempts(3)
      .backoff(Duration.ZERO, 1, Duration.ZERO).build(), n -> { },
      Executors.newSingleThreadScheduledExecutor());
  private final Bulkhead bulkhead = Bulkhead.of("b", BulkheadConfig.ofDefaults());

  @Test
  void retryIsOutsideTheBreakerSoEachAttemptIsCountedAndOpenStopsRetrying() {
    // builder order deliberately scrambled: the pipeline order is fixed
    ResiliencePipeline p = ResiliencePipeline.builder().bulkhead(bulkhead).circuitBreaker(breaker)
        .retry(retry).build();
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> p.call(() -> {
      attempts.incrementAndGet();
      throw new IOException("down");
    })).isInstanceOf(IOException.class);
    assertThat(attempts).hasValue(3);
    assertThat(breaker.metrics().failedCalls()).isEqualTo(3);
    assertThatThrownBy(() -> p.call(() -> {
      attempts.incrementAndGet();
      throw new IOException("down");
    })).isInstanceOf(CallNotPermittedException.class); // 4th attempt opened it; no retry of that
    assertThat(attempts).hasValue(4);
    assertThat(bulkhead.availablePermits()).isEqualTo(25);
  }

  @Test
  void supplierAndAsyncPaths() throws Exception {
    TimeLimiter tl = TimeLimiter.of("t", TimeLimiterConfig.of(Duration.ofSeconds(10)));
    RateLimiter rl = RateLimiter.of("rl", RateLimiterConfig.ofDefaults(), ticker);
    AdaptiveLimiter al = AdaptiveLimiter.of("al", AdaptiveLimiterConfig.ofDefaults(), ticker);
    ResiliencePipeline p = ResiliencePipeline.builder().retry(retry).circuitBreaker(breaker)
        .rateLimiter(rl).adaptiveLimiter(al).timeLimiter(tl).bulkhead(bulkhead).build();
    assertThat(p.get(() -> "sync")).isEqualTo("sync");
    assertThat(p.callAsync(() -> CompletableFuture.completedFuture("async")).toCompletableFuture()
        .get(10, TimeUnit.SECONDS)).isEqualTo("async");
    assertThat(breaker.metrics().successfulCalls()).isEqualTo(2);
    assertThat(bulkhead.availablePermits()).isEqualTo(25);
    assertThat(al.inFlight()).isZero();
  }

  @Test
  void micrometerBinderPublishesStateAndCounters() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AdaptiveLimiter al = AdaptiveLimiter.of("al", AdaptiveLimiterConfig.ofDefaults(), ticker);
    ResilienceMetrics.builder().circuitBreaker(breaker).bulkhead(bulkhead).retry(retry)
        .adaptiveLimiter(al).rateLimiter(RateLimiter.of("rl", RateLimiterConfig.ofDefaults()))
        .build().bindTo(registry);
    breaker.call(() -> 1);
    breaker.transitionToForcedOpen();
    assertThat(registry.get("hotpath.circuitbreaker.state").tag("name", "cb")
        .tag("state", "forced_open").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("hotpath.circuitbreaker.state").tag("state", "closed").gauge().value())
        .isZero();
    assertThat(registry.get("hotpath.circuitbreaker.calls").tag("outcome", "successful")
        .functionCounter().count()).isEqualTo(1.0);
    assertThat(registry.get("hotpath.bulkhead.available.permits").gauge().value()).isEqualTo(25);
    assertThat(registry.get("hotpath.adaptivelimiter.limit").gauge().value()).isEqualTo(20);
  }
}
