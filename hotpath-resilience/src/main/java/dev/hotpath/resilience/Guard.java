package dev.hotpath.resilience;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Something that guards calls to a dependency: the same four ways to make a call on every
 * guard of this module, so guards compose ({@link ResiliencePipeline} is an ordered list of them)
 * and a caller learns one shape.
 *
 * <ul>
 *   <li>{@link PermitGuard}s ({@link CircuitBreaker}, {@link Bulkhead}, {@link RateLimiter},
 *       {@link AdaptiveLimiter}) admit a call with a permit and learn its outcome: the protocol
 *       and the four variants are written once, in {@code PermitGuard}.
 *   <li>{@link Retry} repeats a call and {@link TimeLimiter} races it against a clock; they have
 *       no permit to give, but the same call shape.
 * </ul>
 *
 * <p>Our own refusals are {@link RejectedCallException}s, whichever guard refused. Every
 * implementation is thread-safe.
 *
 * <pre>{@code
 * Guard guard = CircuitBreaker.of("inventory", CircuitBreakerConfig.ofDefaults());
 * Stock s = guard.call(() -> inventory.fetch(sku));
 * CompletionStage<Stock> f = guard.callAsync(() -> inventory.fetchAsync(sku));
 * }</pre>
 */
public sealed interface Guard permits PermitGuard, Retry, TimeLimiter {

  /** The guard's name (the factory argument), used in messages and metrics. */
  String name();

  /**
   * Makes the call through the guard.
   *
   * @throws RejectedCallException if the guard refused the call (it was not made)
   * @throws Exception whatever {@code callable} throws
   */
  <T extends @Nullable Object> T call(Callable<T> callable) throws Exception;

  /** Like {@link #call} for a {@link Supplier}: only unchecked exceptions come out. */
  <T extends @Nullable Object> T get(Supplier<T> supplier);

  /** Like {@link #call} for a {@link Runnable}. */
  void run(Runnable runnable);

  /**
   * Starts the asynchronous call through the guard. Nothing is thrown: a refusal, an exception
   * from the supplier and a {@code null} stage all come back as a failed stage.
   */
  <T extends @Nullable Object> CompletionStage<T> callAsync(
      Supplier<? extends CompletionStage<T>> supplier);
}
