package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.FakeTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
  private final List<Long> sleeps = new ArrayList<>();

  private Retry retry(RetryConfig config) {
    return Retry.of("r", config, sleeps::add, Executors.newSingleThreadScheduledExecutor());
  }

  @Test
  void retriesUntilSuccessWithJitteredExponentialBackoff() throws Exception {
    Retry r = retry(RetryConfig.builder().maxAttempts(4)
        .backoff(Duration.ofMillis(100), 2, Duration.ofMillis(300)).build());
    AtomicInteger attempts = new AtomicInteger();
    String result = r.call(() -> {
      if (attempts.incrementAndGet() < 4) {
        throw new IOException("flaky");
      }
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(sleeps).hasSize(3);
    assertThat(sleeps.get(0)).isBetween(0L, 100_000_000L);
    assertThat(sleeps.get(1)).isBetween(0L, 200_000_000L);
    assertThat(sleeps.get(2)).isBetween(0L, 300_000_000L); // capped
    assertThat(r.metrics().succeededWithRetry()).isEqualTo(1);
    assertThat(r.metrics().retries()).isEqualTo(3);
  }

  @Test
  void backoffWithoutJitterIsExactAndCapped() {
    Retry r = retry(RetryConfig.builder().fullJitter(false)
        .backoff(Duration.ofMillis(100), 3, Duration.ofMillis(500)).build());
    assertThat(r.backoffNanos(1)).isEqualTo(100_000_000L);
    assertThat(r.backoffNanos(2)).isEqualTo(300_000_000L);
    assertThat(r.backoffNanos(3)).isEqualTo(500_000_000L);
  }

  @Test
  void jitterSpreadsRetries() {
    Retry r = retry(RetryConfig.builder().backoff(Duration.ofMillis(100), 2, Duration.ofSeconds(1))
        .build());
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 1000; i++) {
      long b = r.backoffNanos(1);
      min = Math.min(min, b);
      max = Math.max(max, b);
    }
    assertThat(min).isLessThan(10_000_000L);
    assertThat(max).isGreaterThan(90_000_000L);
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastException() {
    Retry r = retry(RetryConfig.builder().maxAttempts(3).build());
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> r.run(() -> {
      throw new IllegalStateException("attempt " + attempts.incrementAndGet());
    })).hasMessage("attempt 3");
    assertThat(r.metrics().failedWithRetry()).isEqualTo(1);
  }

  @Test
  void doesNotRetryNonRetryableOrRejections() {
    Retry r = retry(RetryConfig.builder().retryOnException(e -> e instanceof IOException).build());
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> r.call(() -> {
      attempts.incrementAndGet();
      throw new IllegalArgumentException("bad input");
    })).isInstanceOf(IllegalArgumentException.class);
    assertThat(attempts).hasValue(1);
    Retry defaults = retry(RetryConfig.ofDefaults());
    assertThatThrownBy(() -> defaults.call(() -> {
      attempts.incrementAndGet();
      throw new CallNotPermittedException("cb", CircuitBreaker.State.OPEN);
    })).isInstanceOf(CallNotPermittedException.class);
    assertThat(attempts).hasValue(2);
  }

  @Test
  void retriesOnResult() {
    Retry r = retry(RetryConfig.builder().maxAttempts(3).retryOnResult(x -> Integer.valueOf(503)
        .equals(x)).build());
    AtomicInteger attempts = new AtomicInteger();
    assertThat(r.get(() -> attempts.incrementAndGet() < 3 ? 503 : 200)).isEqualTo(200);
    assertThat(r.get(() -> 503)).isEqualTo(503); // exhausted: the last result is returned
  }

  @Test
  void budgetCapsAmplificationDuringAnOutage() {
    FakeTicker ticker = new FakeTicker();
    RetryBudget budget = RetryBudget.of(0.1, 2, 10, ticker);
    Retry r = retry(RetryConfig.builder().maxAttempts(5).backoff(Duration.ZERO, 1, Duration.ZERO)
        .budget(budget).build());
    // healthy spell: 10,000 calls earn 1,000 retries, but at most 10 are saved
    for (int i = 0; i < 10_000; i++) {
      r.get(() -> "ok");
    }
    AtomicInteger attempts = new AtomicInteger();
    int calls = 10_000;
    for (int i = 0; i < calls; i++) {
      if (i % 1000 == 0) {
        ticker.advance(Duration.ofSeconds(1)); // the outage lasts 10 s
      }
      assertThatThrownBy(() -> r.get(() -> {
        attempts.incrementAndGet();
        throw new IllegalStateException("down");
      })).isInstanceOf(IllegalStateException.class);
    }
    // without a budget: 5 attempts per call = 50,000. With it: calls * 1.1 + 2/s * 10 s + 10 saved
    assertThat(attempts.get()).isLessThanOrEqualTo((int) (calls * 1.1) + 2 * 10 + 2 + 10);
    assertThat(attempts.get()).isGreaterThan(calls); // some retries did happen
    assertThat(budget.deniedRetries()).isPositive();
  }

  @Test
  void minRetriesPerSecondAllowsRetriesWithLittleTraffic() {
    FakeTicker ticker = new FakeTicker();
    RetryBudget budget = RetryBudget.of(0.0, 3, 1, ticker);
    assertThat(budget.tryWithdraw()).isTrue();
    assertThat(budget.tryWithdraw()).isTrue();
    assertThat(budget.tryWithdraw()).isTrue();
    assertThat(budget.tryWithdraw()).isFalse();
    ticker.advance(Duration.ofMillis(334));
    assertThat(budget.tryWithdraw()).isTrue();
  }

  @Test
  void asyncRetryWithoutBlocking() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      Retry r = Retry.of("r", RetryConfig.builder().maxAttempts(3)
          .backoff(Duration.ofMillis(1), 2, Duration.ofMillis(5)).build(), sleeps::add, scheduler);
      AtomicInteger attempts = new AtomicInteger();
      String s = r.callAsync(() -> attempts.incrementAndGet() < 3
          ? CompletableFuture.<String>failedFuture(new IOException("x"))
          : CompletableFuture.completedFuture("ok")).toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      assertThat(s).isEqualTo("ok");
      assertThat(attempts).hasValue(3);
      assertThat(sleeps).isEmpty(); // no thread slept
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void configValidation() {
    assertThatThrownBy(() -> RetryConfig.builder().maxAttempts(0).build())
        .hasMessage("RetryConfig.maxAttempts must be in [1, 1000], was 0");
    assertThatThrownBy(() -> RetryConfig.builder()
        .backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)).build())
        .hasMessage("RetryConfig.maxBackoff must be >= initialBackoff (PT2S), was PT1S");
    assertThatThrownBy(() -> RetryBudget.of(-1, 0, 1))
        .hasMessage("RetryBudget.ratio must be in [0.0, 100.0], was -1.0");
    RetryBudget budget = RetryBudget.of(0.1, 1, 10);
    RetryConfig custom = RetryConfig.builder().maxAttempts(5).budget(budget).build();
    assertThat(RetryConfig.from(custom).build()).isEqualTo(custom).hasSameHashCodeAs(custom);
    assertThat(custom.budget()).containsSame(budget);
    assertThat(RetryConfig.from(custom).noBudget().build().budget()).isEmpty();
  }
}
