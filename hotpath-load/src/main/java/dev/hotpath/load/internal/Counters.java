package dev.hotpath.load.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters with one writer (an event loop) and any number of readers (the reporting thread): plain
 * stores on x86, no atomic instructions, no contention. A reader sees each counter's value as of a
 * recent moment; it sees the final values after the writer's loop has finished its work (the engine
 * waits for that before the final report).
 */
final class Counters {
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] values;

  Counters(int size) {
    this.values = new long[size];
  }

  /** Writer thread only. */
  void add(int i, long n) {
    LONGS.setOpaque(values, i, (long) LONGS.getOpaque(values, i) + n);
  }

  /** Writer thread only. */
  void set(int i, long v) {
    LONGS.setOpaque(values, i, v);
  }

  /** Any thread. */
  long get(int i) {
    return (long) LONGS.getOpaque(values, i);
  }

  int size() {
    return values.length;
  }
}
