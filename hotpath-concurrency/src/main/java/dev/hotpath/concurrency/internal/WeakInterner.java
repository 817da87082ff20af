package dev.hotpath.concurrency.internal;

import dev.hotpath.concurrency.Interner;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@link Interner#weak()}: a concurrent set of weak references keyed by their referent's equality.
 *
 * <p>Design: the map's key and value are the same {@link Entry} (a weak reference), so nothing in
 * the map holds the value strongly. Lookups use a throw-away strong {@link Probe} whose equality
 * matches the entry's. A cleared entry equals only itself, so it never matches a live value and is
 * removed by identity when the reference queue reports it (the same scheme as Guava's weak
 * interner and {@code java.util.WeakHashMap}, on a {@link ConcurrentHashMap}).
 */
public final class WeakInterner<T> implements Interner<T> {
  private final ConcurrentHashMap<Object, Entry<T>> map = new ConcurrentHashMap<>();
  private final ReferenceQueue<T> queue = new ReferenceQueue<>();

  /** An empty interner. */
  public WeakInterner() {}

  @Override
  public T intern(T sample) {
    Objects.requireNonNull(sample, "sample");
    purge();
    Entry<T> found = map.get(new Probe(sample));
    if (found != null) {
      T canonical = found.get();
      if (canonical != null) {
        return canonical;
      }
    }
    Entry<T> fresh = new Entry<>(sample, queue);
    while (true) {
      Entry<T> existing = map.putIfAbsent(fresh, fresh);
      if (existing == null) {
        return sample;
      }
      T canonical = existing.get();
      if (canonical != null) {
        return canonical;
      }
      map.remove(existing, existing); // cleared between the lookup and now; replace it
    }
  }

  @Override
  public int size() {
    purge();
    return map.size();
  }

  private void purge() {
    for (Object ref; (ref = queue.poll()) != null; ) {
      map.remove(ref, ref);
    }
  }

  /** A weak reference that equals a live reference or probe to an equal value. */
  private static final class Entry<T> extends WeakReference<T> {
    private final int hash;

    Entry(T value, ReferenceQueue<T> queue) {
      super(value, queue);
      this.hash = value.hashCode();
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      if (this == other) {
        return true;
      }
      Object mine = get();
      if (mine == null) {
        return false;
      }
      if (other instanceof Entry<?> entry) {
        return mine.equals(entry.get());
      }
      return other instanceof Probe probe && mine.equals(probe.value);
    }
  }

  /** A strong stand-in for a value during lookups. */
  private static final class Probe {
    final Object value;

    Probe(Object value) {
      this.value = value;
    }

    @Override
    public int hashCode() {
      return value.hashCode();
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Entry<?> entry && value.equals(entry.get());
    }
  }
}
