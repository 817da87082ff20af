package dev.hotpath.resilience.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The shared scheduler for async retry backoffs when none is given: one daemon thread that only
 * hands the next attempt back (the attempt itself runs wherever its stage runs).
 */
public final class DefaultScheduler {
  private DefaultScheduler() {}

  private static final class Holder {
    static final ScheduledExecutorService INSTANCE = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "hotpath-resilience-scheduler");
        t.setDaemon(true);
        return t;
      });
      pool.setRemoveOnCancelPolicy(true);
      return pool;
    }
  }

  /** The shared instance, created on first use. */
  public static ScheduledExecutorService get() {
    return Holder.INSTANCE;
  }
}
