package dev.hotpath.resilience.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Outcomes of the last {@code seconds} seconds, one bucket per second in a ring. A bucket is
 * replaced (one small allocation per second, not per call) when its second has passed. A call
 * that races the replacement of its bucket may be counted into the discarded one; the window is
 * approximate by that one boundary.
 */
public final class TimeWindow extends CallWindow {
  private static final long SECOND = 1_000_000_000L;

  private final int seconds;
  private final long origin;
  private final AtomicReferenceArray<Bucket> buckets;

  private static final class Bucket {
    final long epoch;
    final AtomicLong calls = new AtomicLong();
    final AtomicLong bad = new AtomicLong();

    Bucket(long epoch) {
      this.epoch = epoch;
    }
  }

  public TimeWindow(int seconds, long now) {
    this.seconds = seconds;
    this.origin = now;
    this.buckets = new AtomicReferenceArray<>(seconds);
    for (int i = 0; i < seconds; i++) {
      buckets.set(i, new Bucket(Long.MIN_VALUE));
    }
  }

  private long epoch(long now) {
    return Math.floorDiv(now - origin, SECOND);
  }

  @Override
  public void record(long now, int outcome) {
    long epoch = epoch(now);
    int index = (int) Math.floorMod(epoch, (long) seconds);
    Bucket b = buckets.get(index);
    if (b.epoch < epoch) {
      Bucket fresh = new Bucket(epoch);
      b = buckets.compareAndSet(index, b, fresh) ? fresh : buckets.get(index);
    }
    b.calls.incrementAndGet();
    if (outcome != 0) {
      b.bad.addAndGet(delta(0, outcome));
    }
  }

  @Override
  public long calls(long now) {
    return sum(now, false);
  }

  @Override
  public long badCounts(long now) {
    return sum(now, true);
  }

  private long sum(long now, boolean bad) {
    long epoch = epoch(now);
    long sum = 0;
    for (int i = 0; i < seconds; i++) {
      Bucket b = buckets.get(i);
      if (b.epoch > epoch - seconds && b.epoch <= epoch) {
        sum += bad ? b.bad.get() : b.calls.get();
      }
    }
    return sum;
  }
}
