package dev.hotpath.concurrency;

import dev.hotpath.concurrency.internal.StrongInterner;
import dev.hotpath.concurrency.internal.WeakInterner;

/**
 * Returns one canonical instance for each group of equal values, so repeated values (status
 * codes, country names, JSON field names) share one object instead of many copies.
 *
 * <ul>
 *   <li>{@link #strong()} keeps every canonical value forever: the fastest, for a bounded
 *       vocabulary.
 *   <li>{@link #weak()} holds canonical values weakly: one no longer used elsewhere is collected
 *       and its entry removed, so an open-ended vocabulary cannot leak memory.
 * </ul>
 *
 * <p>Guarantee: for equal {@code a} and {@code b} (by {@code equals}), {@code intern(a) ==
 * intern(b)} as long as the canonical instance is reachable. Thread-safe and non-blocking for
 * readers (both are backed by {@link java.util.concurrent.ConcurrentHashMap}); unlike the guide's
 * sketch there is no global lock. Values must be immutable in their {@code equals}/{@code hashCode}.
 * Unlike {@link String#intern()} it works for any type and its table is the caller's, not the JVM's.
 *
 * <pre>{@code
 * Interner<String> names = Interner.weak();
 * String city = names.intern(row.getString("city")); // equal cities now share one String
 * }</pre>
 *
 * @param <T> the type of interned values
 */
public interface Interner<T> {

  /** Returns the canonical instance equal to {@code sample}, making {@code sample} canonical if none is. */
  T intern(T sample);

  /** The number of canonical values held (for a weak interner, including ones not yet purged). */
  int size();

  /** A concurrent interner that keeps its canonical values strongly. */
  static <T> Interner<T> strong() {
    return new StrongInterner<>();
  }

  /** A concurrent interner whose canonical values can be garbage collected once unused. */
  static <T> Interner<T> weak() {
    return new WeakInterner<>();
  }
}
