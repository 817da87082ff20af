package dev.hotpath.cache.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Loads in flight, one per key: the first caller to miss a key owns its load, later callers wait
 * for that load's result. Kept apart from L1 (a plain map of futures, not Caffeine's async cache),
 * so L1 holds finished entries only and a failed load is handed to its waiters without logging.
 *
 * <p>No resurrection: a finished load is stored in L1 by {@link #finish} only while its flight is
 * still the key's current one, checked and stored under the map's lock for that key;
 * {@link #cancel} (an invalidation) removes the flight under the same lock, so a load that began
 * before an invalidation can never store what it read.
 *
 * <p>Every flight a caller {@link #claim}s must end in {@link #finish} or {@link #fail}, on every
 * path; otherwise its waiters would block forever.
 */
public final class SingleFlight<K, V> {
  private final ConcurrentHashMap<K, Flight<V>> flights = new ConcurrentHashMap<>();

  /**
   * One load of one key; its future completes with the entry, the load's failure, or {@code null}
   * when the flight was {@linkplain #abandon abandoned}.
   */
  public static final class Flight<V> {
    private final CompletableFuture<@Nullable L1Entry<V>> result = new CompletableFuture<>();

    public CompletableFuture<@Nullable L1Entry<V>> result() {
      return result;
    }
  }

  /** What {@link #claim} found: the key's flight, and whether this caller owns (must run) it. */
  public record Claim<V>(Flight<V> flight, boolean owner) {}

  /**
   * The key's current flight: a new one the caller owns (and must finish or fail), or another
   * caller's to wait for.
   */
  public Claim<V> claim(K key) {
    Flight<V> existing = flights.get(key);
    if (existing == null) {
      Flight<V> mine = new Flight<>();
      existing = flights.putIfAbsent(key, mine);
      if (existing == null) {
        return new Claim<>(mine, true);
      }
    }
    return new Claim<>(existing, false);
  }

  /** The flight loading {@code key}, if any (read-only: for serving a stale value meanwhile). */
  public boolean inFlight(K key) {
    return flights.containsKey(key);
  }

  /**
   * Ends an owned flight with {@code entry}: calls {@code store} (the L1 put) only if the flight
   * was not cancelled meanwhile, then completes it. Returns whether it was stored.
   */
  public boolean finish(K key, Flight<V> flight, L1Entry<V> entry, BiConsumer<K, L1Entry<V>> store) {
    boolean[] stored = {false};
    flights.computeIfPresent(key, (k, current) -> {
      if (current != flight) {
        return current;
      }
      store.accept(k, entry);
      stored[0] = true;
      return null;
    });
    flight.result.complete(entry);
    return stored[0];
  }

  /**
   * Ends an owned flight without a result (its owner served a stale value instead of loading):
   * its waiters get {@code null} and must claim again.
   */
  public void abandon(K key, Flight<V> flight) {
    flights.remove(key, flight);
    flight.result.complete(null);
  }

  /** Ends an owned flight with a failure; nothing is stored, the next read loads again. */
  public void fail(K key, Flight<V> flight, Throwable failure) {
    flights.remove(key, flight);
    flight.result.completeExceptionally(failure);
  }

  /** Detaches the key's flight: its result goes to its waiters but is not stored. */
  public void cancel(K key) {
    flights.remove(key);
  }

  /** {@link #cancel} for every key. */
  public void cancelAll() {
    flights.clear();
  }
}
