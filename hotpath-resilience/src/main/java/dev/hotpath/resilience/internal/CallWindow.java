package dev.hotpath.resilience.internal;

/**
 * The sliding window of recent call outcomes a circuit breaker decides on, lock-free.
 *
 * <p>An outcome is a bit set: {@link #FAILED} and/or {@link #SLOW}; 0 is a fast success. Counts
 * are exact once writers are quiescent; while calls race, a reader may see a window that is off
 * by the calls in flight, which is the precision any concurrent breaker has.
 */
public abstract sealed class CallWindow permits CountWindow, TimeWindow {
  public static final int FAILED = 1;
  public static final int SLOW = 2;

  /** Records one outcome observed at {@code now} (ticker nanos). */
  public abstract void record(long now, int outcome);

  /** Calls in the window at {@code now}. */
  public abstract long calls(long now);

  /** Failed and slow counts, packed as {@code failed << 32 | slow} (see {@link #failed}, {@link #slow}). */
  public abstract long badCounts(long now);

  public static long failed(long packed) {
    return (packed - slow(packed)) >> 32;
  }

  public static long slow(long packed) {
    return (int) packed; // the low half is signed: a transient negative borrows from the high half
  }

  static long delta(int oldOutcome, int newOutcome) {
    long df = (long) (newOutcome & FAILED) - (oldOutcome & FAILED);
    long ds = (long) ((newOutcome & SLOW) >> 1) - ((oldOutcome & SLOW) >> 1);
    return (df << 32) + ds;
  }

  /**
   * True when the window holds at least {@code minimumCalls} and the failure or slow-call rate
   * reaches its threshold (percent).
   */
  public final boolean exceeds(long now, int minimumCalls, double failurePct, double slowPct) {
    long calls = calls(now);
    if (calls < minimumCalls || calls == 0) {
      return false;
    }
    long bad = badCounts(now);
    return failed(bad) * 100.0 >= failurePct * calls || slow(bad) * 100.0 >= slowPct * calls;
  }
}
