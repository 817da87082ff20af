package dev.hotpath.resilience.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The shared executor that delivers resilience events when a config names none: one daemon
 * thread (events from one source stay in order), a bounded queue of 65,536 events, and events
 * beyond that are dropped rather than blocking a caller.
 */
public final class DefaultEventExecutor {
  private DefaultEventExecutor() {}

  private static final class Holder {
    static final Executor INSTANCE = create();

    private static Executor create() {
      ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.NANOSECONDS,
          new ArrayBlockingQueue<>(65_536),
          r -> {
            Thread t = new Thread(r, "hotpath-resilience-events");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.AbortPolicy());
      return pool;
    }
  }

  /** The shared instance, created on first use. */
  public static Executor get() {
    return Holder.INSTANCE;
  }
}
