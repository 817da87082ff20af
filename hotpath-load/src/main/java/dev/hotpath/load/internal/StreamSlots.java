package dev.hotpath.load.internal;

import java.util.Arrays;

/**
 * Stream id to slot for one HTTP/2 connection: open addressing with linear probing over primitive
 * arrays, at most half full, deletion by backward shift (no tombstones). Replaces a boxed property
 * on each of Netty's stream objects. Not thread-safe: one event loop owns it.
 */
final class StreamSlots {
  private final int[] ids; // 0 = empty (stream 0 is the connection, never a request)
  private final int[] slots;
  private final int mask;

  StreamSlots(int capacity) {
    int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1; // a power of two >= 2 * capacity
    ids = new int[size];
    slots = new int[size];
    mask = size - 1;
  }

  private int home(int streamId) {
    return (streamId >>> 1) & mask; // client streams are odd and consecutive: spread evenly
  }

  /** The slot of {@code streamId}, or -1. */
  int get(int streamId) {
    for (int i = home(streamId); ; i = (i + 1) & mask) {
      int id = ids[i];
      if (id == streamId) {
        return slots[i];
      }
      if (id == 0) {
        return -1;
      }
    }
  }

  /** Maps a stream (not mapped yet) to {@code slot}; the caller holds at most capacity streams. */
  void put(int streamId, int slot) {
    int i = home(streamId);
    while (ids[i] != 0) {
      i = (i + 1) & mask;
    }
    ids[i] = streamId;
    slots[i] = slot;
  }

  /** Forgets {@code streamId} if mapped. */
  void remove(int streamId) {
    int i = home(streamId);
    while (ids[i] != streamId) {
      if (ids[i] == 0) {
        return;
      }
      i = (i + 1) & mask;
    }
    // backward shift: move later entries of the run into the hole when their home allows it
    int hole = i;
    for (int j = (hole + 1) & mask; ids[j] != 0; j = (j + 1) & mask) {
      int h = home(ids[j]);
      if (((j - h) & mask) >= ((j - hole) & mask)) {
        ids[hole] = ids[j];
        slots[hole] = slots[j];
        hole = j;
      }
    }
    ids[hole] = 0;
  }

  void clear() {
    Arrays.fill(ids, 0);
  }
}
