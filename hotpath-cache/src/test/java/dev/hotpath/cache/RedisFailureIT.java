package dev.hotpath.cache;

import static dev.hotpath.cache.TieredCacheRedisIT.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.resilience.CircuitBreaker;
import dev.hotpath.resilience.CircuitBreakerConfig;
import dev.hotpath.testing.Services;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Kills the test's own redis-server mid-run and brings it back. */
class RedisFailureIT {
  private Process server;
  private RedisClient client;
  private TieredCache<String, String> cache;

  @AfterEach
  void tearDown() throws InterruptedException {
    if (cache != null) {
      cache.close();
    }
    if (client != null) {
      RedisFixture.shutdown(client);
    }
    if (server != null) {
      RedisFixture.kill(server);
    }
  }

  @Test
  void readsSurviveRedisDyingTheBreakerOpensAndRecoversAndL1IsClearedOnReconnect() throws Exception {
    Services.redisUri(); // skips (or fails under HOTPATH_REQUIRE_SERVICES) where Redis is not installed
    int port = Services.freePort();
    server = RedisFixture.startServer(port);
    client = RedisFixture.client("redis://127.0.0.1:" + port);
    AtomicInteger loads = new AtomicInteger();
    CircuitBreaker breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.builder()
        .slidingWindow(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED, 10)
        .minimumNumberOfCalls(4)
        .failureRateThreshold(50)
        .waitInOpenState(Duration.ofSeconds(1))
        .permittedCallsInHalfOpenState(1)
        .build());
    cache = TieredCache.<String, String>builder(
            TieredCacheConfig.builder(RedisFixture.uniqueName("fault"))
                .l1Ttl(Duration.ofSeconds(60)).ttlJitter(0).earlyExpirationBeta(0)
                .l2CommandTimeout(Duration.ofMillis(200))
                .build(),
            KeyCodec.strings())
        .loader(k -> "v-" + k + "-" + loads.incrementAndGet())
        .redis(client, ValueCodec.strings())
        .l2CircuitBreaker(breaker)
        .build();

    String warm = cache.get("warm");
    assertThat(cache.stats().l2Misses()).isEqualTo(1);

    RedisFixture.kill(server);
    // L1 keeps answering what it has; misses go to the loader; nothing fails.
    for (int i = 0; i < 20; i++) {
      assertThat(cache.get("warm")).isEqualTo(warm);
      assertThat(cache.get("cold-" + i)).startsWith("v-cold-" + i);
    }
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    CacheStats down = cache.stats();
    assertThat(down.l2Errors()).isPositive();
    assertThat(down.l2Rejected()).isPositive(); // the breaker stopped calls to the dead server
    assertThat(down.l2State()).isEqualTo(CircuitBreaker.State.OPEN);
    cache.invalidate("warm"); // cannot reach Redis: kept for replay
    assertThat(cache.get("warm")).isNotEqualTo(warm);

    server = RedisFixture.startServer(port);
    // The invalidation channel comes back: L1 is cleared since messages may have been missed.
    waitFor(() -> cache.stats().l1Clears() == 1);
    assertThat(cache.l1Contains("cold-0")).isFalse();
    // Reads keep going; after waitInOpenState the breaker lets a trial through and closes.
    waitFor(() -> {
      cache.get("after-" + System.nanoTime());
      return breaker.state() == CircuitBreaker.State.CLOSED;
    });
    String again = cache.get("cold-0");
    assertThat(cache.get("cold-0")).isEqualTo(again);
    TieredCache<String, String> other = TieredCache.<String, String>builder(cache.config(), KeyCodec.strings())
        .loader(k -> "other")
        .redis(client, ValueCodec.strings())
        .build();
    try {
      assertThat(other.get("cold-0")).isEqualTo(again); // filled into the restarted Redis
    } finally {
      other.close();
    }
  }
  @Test
  void aCacheBuiltWhileRedisIsDownServesFromL1AndTheLoaderAndAttachesWhenRedisComesUp() throws Exception {
    Services.redisUri(); // skips (or fails under HOTPATH_REQUIRE_SERVICES) where Redis is not installed
    int port = Services.freePort(); // nothing listens here yet: Redis is "down"
    client = RedisFixture.client("redis://127.0.0.1:" + port);
    AtomicInteger loads = new AtomicInteger();
    TieredCacheConfig config = TieredCacheConfig.builder(RedisFixture.uniqueName("late"))
        .l1Ttl(Duration.ofSeconds(60)).ttlJitter(0).earlyExpirationBeta(0)
        .l2ConnectRetry(Duration.ofMillis(100))
        .build();
    cache = TieredCache.<String, String>builder(config, KeyCodec.strings())
        .loader(k -> "v-" + k + "-" + loads.incrementAndGet())
        .redis(client, ValueCodec.strings())
        .build(); // must not throw
    assertThat(cache.l2Status()).isEqualTo(L2Status.CONNECTING);
    assertThat(cache.stats().l2Status().degraded()).isTrue();
    assertThat(cache.get("a")).isEqualTo("v-a-1");
    assertThat(cache.lookup("a")).isEqualTo(new CacheLookup<>("v-a-1", Tier.L1, false));
    cache.invalidate("a"); // cannot reach Redis: logged for replay
    assertThat(cache.get("a")).isEqualTo("v-a-2");

    server = RedisFixture.startServer(port);
    waitFor(() -> cache.l2Status() == L2Status.UP);
    // L1 was filled without the invalidation channel: it is cleared when Redis is attached.
    assertThat(cache.stats().l1Clears()).isEqualTo(1);
    assertThat(cache.l1Contains("a")).isFalse();
    assertThat(cache.lookup("b")).isEqualTo(new CacheLookup<>("v-b-3", Tier.L3, false));
    TieredCache<String, String> other = TieredCache.<String, String>builder(config, KeyCodec.strings())
        .loader(k -> "other")
        .redis(client, ValueCodec.strings())
        .build();
    try {
      assertThat(other.lookup("b")).isEqualTo(new CacheLookup<>("v-b-3", Tier.L2, false)); // filled into Redis
      cache.put("b", "written");
      waitFor(() -> "written".equals(other.get("b"))); // other's L1 copy was dropped by the put
    } finally {
      other.close();
    }
  }
}
