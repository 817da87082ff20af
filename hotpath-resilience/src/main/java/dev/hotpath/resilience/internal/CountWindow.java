package dev.hotpath.resilience.internal;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last {@code size} outcomes in a ring. A fast success replacing a fast success (the steady
 * state) costs one atomic increment and one volatile read; only a changed slot touches the
 * aggregate counts.
 */
public final class CountWindow extends CallWindow {
  private final int size;
  private final AtomicIntegerArray slots;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong bad = new AtomicLong();

  public CountWindow(int size) {
    this.size = size;
    this.slots = new AtomicIntegerArray(size);
  }

  @Override
  public void record(long now, int outcome) {
    int slot = (int) (sequence.getAndIncrement() % size);
    if (slots.get(slot) == outcome) {
      return;
    }
    int old = slots.getAndSet(slot, outcome);
    if (old != outcome) {
      bad.addAndGet(delta(old, outcome));
    }
  }

  @Override
  public long calls(long now) {
    return Math.min(sequence.get(), size);
  }

  @Override
  public long badCounts(long now) {
    return bad.get();
  }
}
