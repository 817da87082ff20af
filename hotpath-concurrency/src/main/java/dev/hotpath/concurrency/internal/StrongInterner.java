package dev.hotpath.concurrency.internal;

import dev.hotpath.concurrency.Interner;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Interner#strong()}: a concurrent map from each value to its canonical instance. */
public final class StrongInterner<T> implements Interner<T> {
  private final ConcurrentHashMap<T, T> map = new ConcurrentHashMap<>();

  /** An empty interner. */
  public StrongInterner() {}

  @Override
  public T intern(T sample) {
    Objects.requireNonNull(sample, "sample");
    T canonical = map.get(sample); // lock-free hit path; putIfAbsent only on a miss
    if (canonical != null) {
      return canonical;
    }
    canonical = map.putIfAbsent(sample, sample);
    return canonical == null ? sample : canonical;
  }

  @Override
  public int size() {
    return map.size();
  }
}
