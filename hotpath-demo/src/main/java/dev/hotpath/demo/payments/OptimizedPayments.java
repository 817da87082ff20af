package dev.hotpath.demo.payments;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hotpath.resilience.Bulkhead;
import dev.hotpath.resilience.BulkheadConfig;
import dev.hotpath.resilience.BulkheadFullException;
import dev.hotpath.resilience.CallNotPermittedException;
import dev.hotpath.resilience.CircuitBreaker;
import dev.hotpath.resilience.CircuitBreakerConfig;
import dev.hotpath.resilience.RejectedCallException;
import dev.hotpath.resilience.ResiliencePipeline;
import dev.hotpath.resilience.Retry;
import dev.hotpath.resilience.RetryBudget;
import dev.hotpath.resilience.RetryConfig;
import dev.hotpath.resilience.TimeLimitExceededException;
import dev.hotpath.resilience.TimeLimiter;
import dev.hotpath.resilience.TimeLimiterConfig;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The guide's "after" for a payment service:
 * <ul>
 *   <li>the gateway behind a {@link ResiliencePipeline}: retry with a budget (and the payment's key
 *       sent to the gateway, so a retry cannot charge twice), a circuit breaker that answers a fast
 *       503 with {@code Retry-After} while the gateway is down, a 750 ms time limit, a bulkhead of 96
 *       calls per instance so a slow gateway cannot take every thread; an open breaker or a full
 *       bulkhead refuses before any database work;</li>
 *   <li>idempotency with the stored response: the database's UNIQUE key decides which request owns
 *       a key, the response is stored with the charge and replayed from a Caffeine cache or the row;</li>
 *   <li>no connection held across the gateway call; fraud check and receipt through the outbox and
 *       a queue ({@link OutboxQueue});</li>
 *   <li>a reconciler that settles payments whose outcome nobody heard (the instance died, every
 *       attempt timed out) by asking the gateway for the charge made under their key.</li>
 * </ul>
 */
final class OptimizedPayments implements PaymentHandler {
  private static final Logger LOG = Logger.getLogger(OptimizedPayments.class.getName());
  /** A PENDING payment whose owner has been silent this long may be taken over. */
  static final long LEASE_MILLIS = 5_000;
  /** Gateway calls one instance makes at once (the bulkhead). */
  static final int GATEWAY_CALLS = 96;

  private final PaymentStore store;
  private final PaymentStore workStore;
  private final GatewayClient gateway;
  private final OutboxQueue queue;
  private final String owner;
  private final CircuitBreaker breaker;
  private final Bulkhead bulkhead;
  private final ResiliencePipeline charges;
  private final ResiliencePipeline lookups;
  private final Cache<String, Reply> responses = Caffeine.newBuilder()
      .maximumSize(200_000).expireAfterWrite(Duration.ofMinutes(10)).build();
  private final ScheduledExecutorService reconciler;

  /** {@code workStore}: the background work's own connections (the reconciler). */
  OptimizedPayments(PaymentStore store, PaymentStore workStore, GatewayClient gateway, OutboxQueue queue, String owner) {
    this.store = store;
    this.workStore = workStore;
    this.gateway = gateway;
    this.queue = queue;
    this.owner = owner;
    this.breaker = CircuitBreaker.of("gateway", CircuitBreakerConfig.builder()
        .failureRateThreshold(50)
        .slowCallDurationThreshold(Duration.ofMillis(600)).slowCallRateThreshold(80)
        // a wide window: in the 30 % 5xx burst a 40-call window crosses 50 % by chance (~1 % per window,
        // hundreds of windows a second) and the breaker refused payments the retries would have saved;
        // 100 calls keep that chance negligible and still open within ~0.2 s of an outage
        .slidingWindow(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED, 100)
        .minimumNumberOfCalls(40)
        .waitInOpenState(Duration.ofSeconds(1))
        .permittedCallsInHalfOpenState(5)
        .build());
    TimeLimiter timeLimit = TimeLimiter.of("gateway", TimeLimiterConfig.builder().timeout(Duration.ofMillis(750)).build());
    // Little's law: the slow phase's ~440 ms charges at 100 payments/s (two instances left) hold ~45
    // calls; twice that leaves room for bursts, and still caps what a hanging gateway can hold
    this.bulkhead = Bulkhead.of("gateway", BulkheadConfig.builder().maxConcurrentCalls(GATEWAY_CALLS)
        .maxWait(Duration.ZERO).build());
    // 4 attempts: with 30 % of charges failing, 3 leave 2.7 % of payments failed, 4 leave 0.8 %; the
    // budget, not the attempt count, is what keeps retries from multiplying the load on a failing gateway.
    // Riding through a 30 % error burst takes ~0.43 retries per call (0.3 + 0.09 + 0.027), so the budget
    // earns 0.5 per call: retries add at most half the load, and a gateway failing worse than that
    // trips the breaker (50 %) instead of being retried at
    Retry retry = Retry.of("gateway", RetryConfig.builder()
        .maxAttempts(4)
        .backoff(Duration.ofMillis(50), 2.0, Duration.ofMillis(300))
        .retryOnException(e -> e instanceof IOException || e instanceof TimeLimitExceededException)
        .budget(RetryBudget.of(0.5, 5, 50))
        .build());
    this.charges = ResiliencePipeline.builder()
        .retry(retry).circuitBreaker(breaker).timeLimiter(timeLimit).bulkhead(bulkhead).build();
    this.lookups = ResiliencePipeline.builder().circuitBreaker(breaker).timeLimiter(timeLimit).build();
    this.reconciler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("reconciler").factory());
    var unused = reconciler.scheduleWithFixedDelay(this::reconcile, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public Reply pay(@Nullable String key, String order, String account, long amount) throws Exception {
    if (key == null || key.isBlank()) {
      return Reply.refused(400, "no-key", 0, "the Idempotency-Key header is required: send one unique key per payment");
    }
    Reply cached = responses.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    // fail fast: while the breaker is open or the bulkhead full, the answer is a 503 whatever the
    // database says, so refuse before any database work (a refusal must not queue for a connection)
    CircuitBreaker.State state = breaker.state();
    if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
      return refused("breaker-open");
    }
    if (bulkhead.availablePermits() == 0) {
      return refused("bulkhead-full");
    }
    Optional<Long> inserted = store.insertPending(key, order, account, amount, owner);
    long id;
    boolean fresh = inserted.isPresent();
    if (fresh) {
      id = inserted.get();
    } else {
      Optional<PaymentStore.Payment> existing = store.byKey(key);
      if (existing.isEmpty()) {
        return Reply.refused(409, "in-progress", 1, "payment " + key + " is being retried; try again");
      }
      PaymentStore.Payment p = existing.get();
      String body = p.responseBody();
      if (p.responseCode() != 0 && body != null) {
        Reply stored = Reply.of(p.responseCode(), body);
        responses.put(key, stored);
        return stored;
      }
      if (!store.claim(p, owner, LEASE_MILLIS)) {
        return Reply.refused(409, "in-progress", 1, "payment " + key + " is in progress; try again");
      }
      id = p.id();
    }
    AtomicBoolean attempted = new AtomicBoolean();
    AtomicReference<@Nullable Throwable> lastFailure = new AtomicReference<>();
    try {
      String charge = charges.call(() -> {
        attempted.set(true);
        try {
          return gateway.charge(order, amount, key);
        } catch (IOException | RuntimeException e) {
          lastFailure.set(e);
          throw e;
        }
      });
      return settle(store, key, id, order, charge);
    } catch (RejectedCallException e) {
      if (attempted.get()) {
        // an earlier attempt reached the gateway (and failed) before the breaker or bulkhead refused the retry
        store.release(id);
        return unconfirmed(lastFailure.get());
      }
      if (fresh) {
        store.deleteUnattempted(id); // the gateway never saw it: a retry starts afresh
      } else {
        store.release(id);
      }
      return refused(e instanceof CallNotPermittedException ? "breaker-open"
          : e instanceof BulkheadFullException ? "bulkhead-full" : "rejected");
    } catch (TimeLimitExceededException | IOException e) {
      store.release(id); // outcome unknown: a retry with the same key, or the reconciler, settles it
      return unconfirmed(e);
    }
  }

  private static Reply refused(String reason) {
    return Reply.refused(503, reason, 1, "the gateway is unavailable (" + reason + "); retry later");
  }

  private static Reply unconfirmed(@Nullable Throwable failure) {
    String reason = failure instanceof GatewayClient.GatewayException ? "gateway-error" : "gateway-timeout";
    return Reply.refused(503, reason, 1, "the gateway did not confirm the charge (" + reason + "); retry with the same key");
  }

  private Reply settle(PaymentStore on, String key, long id, String order, String charge) throws SQLException {
    Reply reply = Reply.of(201, PaymentHandler.json(id, order, PaymentStore.CHARGED, charge));
    long outboxId = on.charged(id, charge, reply.status(), reply.body());
    responses.put(key, reply);
    queue.publish(outboxId);
    return reply;
  }

  /** Settles PENDING payments nobody has touched for a while by asking the gateway what it did. */
  private void reconcile() {
    try {
      for (PaymentStore.Payment p : workStore.stalePending(LEASE_MILLIS, 100)) {
        String key = p.key();
        if (key == null || !workStore.claim(p, owner, LEASE_MILLIS)) {
          continue;
        }
        try {
          Optional<String> charge = lookups.call(() -> gateway.lookup(key));
          if (charge.isPresent()) {
            settle(workStore, key, p.id(), p.order(), charge.get());
          } else {
            Reply failed = Reply.refused(502, "not-charged", 0, "the gateway made no charge for this payment");
            workStore.failed(p.id(), failed.status(), failed.body());
          }
        } catch (Exception e) {
          workStore.release(p.id()); // the gateway cannot say now: next round
        }
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "reconciler round failed: " + e.getMessage());
    }
  }

  @Override
  public String queueKind() {
    return queue.kind();
  }

  @Override
  public void close() {
    reconciler.shutdownNow();
    queue.close();
  }
}
