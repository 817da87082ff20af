package dev.hotpath.resilience.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Delivers events to listeners on an executor, never on the caller's thread unless the executor
 * is direct. With no listener registered {@link #hasListeners()} is false and callers skip
 * building the event: nothing is allocated on the hot path.
 *
 * <p>A listener that throws is logged and does not stop the others, and an executor that throws
 * never reaches the guard that published (so it cannot break a permit's release). Thread-safe.
 */
public final class EventDispatcher<E> {
  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

  private final List<Consumer<? super E>> listeners = new CopyOnWriteArrayList<>();
  private final Executor executor;
  private volatile boolean any;

  public EventDispatcher(Executor executor) {
    this.executor = executor;
  }

  public void add(Consumer<? super E> listener) {
    listeners.add(listener);
    any = true;
  }

  public boolean hasListeners() {
    return any;
  }

  /** Hands {@code event} to every listener on the executor; drops it (logged) if the executor refuses. */
  public void publish(E event) {
    if (!any) {
      return;
    }
    try {
      executor.execute(() -> deliver(event));
    } catch (RejectedExecutionException e) {
      LOG.log(Level.WARNING, "resilience event dropped (executor refused): {0}", event);
    } catch (RuntimeException e) { // a direct executor whose listener threw, or a broken executor
      LOG.log(Level.WARNING, "resilience event delivery failed on " + event, e);
    }
  }

  private void deliver(E event) {
    for (Consumer<? super E> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "resilience event listener failed on " + event, e);
      }
    }
  }
}
