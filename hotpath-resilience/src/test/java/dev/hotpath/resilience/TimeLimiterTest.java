package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimeLimiterTest {

  @Test
  void returnsResultAndPropagatesExceptions() throws Exception {
    TimeLimiter tl = TimeLimiter.of("t", TimeLimiterConfig.builder().timeout(Duration.ofSeconds(10)).build());
    assertThat(tl.call(() -> "ok")).isEqualTo("ok");
    assertThatThrownBy(() -> tl.call(() -> {
      throw new IOException("io");
    })).isInstanceOf(IOException.class).hasMessage("io");
  }

  @Test
  void timesOutAndInterruptsTheCall() throws Exception {
    TimeLimiter tl = TimeLimiter.of("t", TimeLimiterConfig.builder().timeout(Duration.ofMillis(20)).build());
    CountDownLatch interrupted = new CountDownLatch(1);
    assertThatThrownBy(() -> tl.call(() -> {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return 1;
    })).isInstanceOf(TimeLimitExceededException.class).hasMessageContaining("PT0.02S");
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(tl.timedOutCalls()).isEqualTo(1);
  }

  @Test
  void asyncTimeoutCancelsTheStage() {
    TimeLimiter tl = TimeLimiter.of("t", TimeLimiterConfig.builder().timeout(Duration.ofMillis(20)).build());
    CompletableFuture<String> never = new CompletableFuture<>();
    CompletableFuture<String> out = tl.callAsync(() -> never).toCompletableFuture();
    assertThatThrownBy(() -> out.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeLimitExceededException.class);
    assertThat(never).isCancelled();
    CompletableFuture<String> fast = tl.callAsync(() -> CompletableFuture.completedFuture("x"))
        .toCompletableFuture();
    assertThat(fast).isCompletedWithValue("x");
  }

  @Test
  void configValidation() {
    assertThatThrownBy(() -> TimeLimiterConfig.builder().timeout(Duration.ZERO).build())
        .hasMessage("TimeLimiterConfig.timeout must be > 0, was PT0S");
    TimeLimiterConfig custom = TimeLimiterConfig.builder().cancelRunningCall(false).build();
    assertThat(TimeLimiterConfig.from(custom).build()).isEqualTo(custom).hasSameHashCodeAs(custom);
  }
}
