package dev.hotpath.concurrency.internal;

import dev.hotpath.concurrency.LeakReport;
import java.lang.System.Logger.Level;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Debug-mode bookkeeping of borrowed objects for {@code ObjectPool}.
 *
 * <p>Each borrow registers the object with a {@link Cleaner} and records it in an identity map
 * keyed by a weak reference (so the map itself does not keep it alive). Release removes the record
 * and runs the cleanable early with a "returned" flag, which deregisters it silently. If the object
 * becomes unreachable while still borrowed, the cleaner runs the action with the flag unset: a leak.
 * The action holds only the record, never the object (else it would never become unreachable).
 */
public final class LeakTracker {
  private static final System.Logger LOG = System.getLogger(LeakTracker.class.getName());
  private static final Cleaner CLEANER = Cleaner.create();

  private final String pool;
  private final Consumer<LeakReport> listener;
  private final ConcurrentHashMap<Object, Borrow> borrowed = new ConcurrentHashMap<>();
  private final LongAdder leaked = new LongAdder();

  /** A tracker for the pool named {@code pool}, reporting leaks to {@code listener}. */
  public LeakTracker(String pool, Consumer<LeakReport> listener) {
    this.pool = pool;
    this.listener = listener;
  }

  /** Records that {@code object} was just borrowed. */
  public void track(Object object) {
    IdentityKey key = new IdentityKey(object);
    Borrow borrow =
        new Borrow(key, object.getClass().getName(), new Throwable("borrowed from pool " + pool));
    borrowed.put(key, borrow);
    borrow.cleanable = CLEANER.register(object, borrow);
  }

  /**
   * Records that {@code object} was released.
   *
   * @throws IllegalStateException if it is not currently borrowed
   */
  public void untrack(Object object) {
    Borrow borrow = borrowed.remove(new IdentityProbe(object));
    if (borrow == null) {
      throw new IllegalStateException(
          "released a " + object.getClass().getName() + " that is not borrowed from pool " + pool
              + " (released twice, or never borrowed)");
    }
    borrow.returned = true;
    Cleaner.Cleanable cleanable = borrow.cleanable;
    if (cleanable != null) {
      cleanable.clean(); // deregisters; the action sees returned == true and reports nothing
    }
  }

  /** Leaks reported so far. */
  public long leaked() {
    return leaked.sum();
  }

  /** Objects borrowed and not yet released (including leaked ones not yet collected). */
  public int outstanding() {
    return borrowed.size();
  }

  private final class Borrow implements Runnable {
    final IdentityKey key;
    final String type;
    final Throwable where;
    volatile boolean returned;
    volatile Cleaner.@Nullable Cleanable cleanable;

    Borrow(IdentityKey key, String type, Throwable where) {
      this.key = key;
      this.type = type;
      this.where = where;
    }

    @Override
    public void run() {
      if (returned) {
        return;
      }
      borrowed.remove(key, this);
      leaked.increment();
      LeakReport report = new LeakReport(pool, type, where);
      LOG.log(
          Level.WARNING,
          "pool " + pool + ": a " + type + " was never released; it was borrowed here:",
          where);
      try {
        listener.accept(report);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "leak listener of pool " + pool + " failed", e);
      }
    }
  }

  /** A weak reference compared by the identity of its referent. */
  private static final class IdentityKey extends WeakReference<Object> {
    private final int hash;

    IdentityKey(Object referent) {
      super(referent);
      this.hash = System.identityHashCode(referent);
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
      return mine != null && other instanceof IdentityKey key && key.get() == mine;
    }
  }

  /** A strong stand-in for lookups by identity. */
  private static final class IdentityProbe {
    private final Object object;

    IdentityProbe(Object object) {
      this.object = object;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(object);
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof IdentityKey key && key.get() == object;
    }
  }
}
