package dev.hotpath.resilience;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletionStage;
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
    TimeLimiter tl = TimeLimiter.of("t", TimeLimiterConfig.builder().timeout(Duration.ofSeconds(10)).build());
    RateLimiter rl = RateLimiter.of("rl", RateLimiterConfig.builder().burst(2).build(), ticker);
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

  // ---- issue 17 -------------------------------------------------------------------------------

  @Test
  void asyncTimeLimitCoversTheWaitForABulkheadPermitAndTheCallerIsNotBlocked() throws Exception {
    Bulkhead bh = Bulkhead.of("b", BulkheadConfig.builder().maxConcurrentCalls(1)
        .maxWait(Duration.ofSeconds(30)).build());
    TimeLimiter tl = TimeLimiter.of("t",
        TimeLimiterConfig.builder().timeout(Duration.ofMillis(100)).build());
    ResiliencePipeline p = ResiliencePipeline.builder().timeLimiter(tl).bulkhead(bh).build();
    Permit busy = bh.acquirePermit();
    AtomicBoolean called = new AtomicBoolean();
    CompletableFuture<CompletionStage<String>> returned = CompletableFuture.supplyAsync(() ->
        p.callAsync(() -> {
          called.set(true);
          return CompletableFuture.completedFuture("late");
        }));
    CompletionStage<String> stage = returned.get(10, TimeUnit.SECONDS); // not blocked by the wait
    assertThatThrownBy(() -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeLimitExceededException.class);
    busy.release();
    assertThat(bh.call(() -> "next")).isEqualTo("next");
    assertThat(called).isFalse(); // the abandoned wait never made the call
    assertThat(tl.timedOutCalls()).isEqualTo(1);
  }

  @Test
  void aCallTheBulkheadRejectsSpendsNoRateLimitToken() {
    RateLimiter rl = RateLimiter.of("r", RateLimiterConfig.builder().limitForPeriod(10)
        .period(Duration.ofSeconds(1)).burst(5).build(), ticker);
    Bulkhead bh = Bulkhead.of("b", BulkheadConfig.builder().maxConcurrentCalls(1).build());
    ResiliencePipeline p = ResiliencePipeline.builder().rateLimiter(rl).bulkhead(bh).build();
    bh.acquirePermit();
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> p.call(() -> 1)).isInstanceOf(BulkheadFullException.class);
    }
    assertThat(rl.availablePermits()).isEqualTo(5);
    assertThat(rl.rejectedCalls()).isZero();
  }

  @Test
  void innerRejectionsDoNotOpenADefaultBreakerNorAreTheyRetried() {
    CircuitBreaker cb = CircuitBreaker.of("cb", CircuitBreakerConfig.ofDefaults(), ticker);
    Bulkhead bh = Bulkhead.of("b", BulkheadConfig.builder().maxConcurrentCalls(1).build());
    ResiliencePipeline p = ResiliencePipeline.builder().retry(retry).circuitBreaker(cb)
        .bulkhead(bh).build();
    bh.acquirePermit();
    for (int i = 0; i < 50; i++) {
      assertThatThrownBy(() -> p.call(() -> 1)).isInstanceOf(RejectedCallException.class);
    }
    assertThat(cb.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(cb.metrics().failedCalls()).isZero();
    assertThat(bh.rejectedCalls()).isEqualTo(50); // one attempt each: rejections are not retried
  }

  @Test
  void theGuardsAreAnOrderedListInTheDocumentedOrder() {
    TimeLimiter tl = TimeLimiter.of("t", TimeLimiterConfig.ofDefaults());
    RateLimiter rl = RateLimiter.of("rl", RateLimiterConfig.ofDefaults(), ticker);
    AdaptiveLimiter al = AdaptiveLimiter.of("al", AdaptiveLimiterConfig.ofDefaults(), ticker);
    ResiliencePipeline p = ResiliencePipeline.builder().rateLimiter(rl).bulkhead(bulkhead)
        .timeLimiter(tl).adaptiveLimiter(al).circuitBreaker(breaker).retry(retry).build();
    assertThat(p.guards()).containsExactly(retry, breaker, al, tl, bulkhead, rl);
    assertThat(ResiliencePipeline.builder().bulkhead(bulkhead).retry(retry).build().guards())
        .containsExactly(retry, bulkhead);
  }
}
