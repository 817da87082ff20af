package dev.hotpath.load.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link StreamSlots} against a HashMap over random opens and closes of consecutive odd stream ids. */
class StreamSlotsTest {
  @Test
  void agreesWithAMapOverManyStreams() {
    for (int capacity : new int[] {1, 2, 3, 16, 100}) {
      StreamSlots slots = new StreamSlots(capacity);
      Map<Integer, Integer> expected = new HashMap<>();
      Random random = new Random(capacity);
      int next = 1;
      for (int step = 0; step < 200_000; step++) {
        if (expected.size() < capacity && (expected.isEmpty() || random.nextBoolean())) {
          slots.put(next, next % 1000);
          expected.put(next, next % 1000);
          next += 2;
        } else {
          Integer victim = expected.keySet().stream().skip(random.nextInt(expected.size())).findFirst().orElseThrow();
          slots.remove(victim);
          expected.remove(victim);
          assertThat(slots.get(victim)).isEqualTo(-1);
        }
        if (step % 97 == 0) {
          for (Map.Entry<Integer, Integer> e : expected.entrySet()) {
            assertThat(slots.get(e.getKey())).isEqualTo(e.getValue());
          }
          assertThat(slots.get(next)).isEqualTo(-1);
        }
      }
      slots.remove(next); // not mapped: nothing happens
      slots.clear();
      assertThat(slots.get(next - 2)).isEqualTo(-1);
    }
  }
}
