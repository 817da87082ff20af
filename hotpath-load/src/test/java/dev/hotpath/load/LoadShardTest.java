package dev.hotpath.load;

import dev.hotpath.load.result.LoadShard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadShardTest {

  @Test
  void parsesAndValidates() {
    assertThat(LoadShard.parse("2/4")).isEqualTo(new LoadShard(2, 4));
    assertThat(LoadShard.parse(" 0 / 1 ").isWhole()).isTrue();
    assertThat(new LoadShard(3, 8).label()).isEqualTo("3/8");
    assertThatThrownBy(() -> LoadShard.parse("4/4")).hasMessageContaining("--shard")
        .hasMessageContaining("[0, 3]").hasMessageContaining("was 4");
    assertThatThrownBy(() -> LoadShard.parse("1/0")).hasMessageContaining("count must be in [1, 100000]");
    assertThatThrownBy(() -> LoadShard.parse("-1/2")).hasMessageContaining("index must be in [0, 1]");
    assertThatThrownBy(() -> LoadShard.parse("two/4")).hasMessageContaining("is not INDEX/COUNT");
    assertThatThrownBy(() -> LoadShard.parse("3")).hasMessageContaining("is not INDEX/COUNT");
  }

  /** Every arrival of every plan size belongs to exactly one shard, in the plan's order within each shard. */
  @Test
  void shardsPartitionThePlanExactly() {
    for (int n = 1; n <= 9; n++) {
      for (long total = 0; total <= 300; total++) {
        int[] owner = new int[(int) total];
        java.util.Arrays.fill(owner, -1);
        long sum = 0;
        for (int i = 0; i < n; i++) {
          LoadShard s = new LoadShard(i, n);
          long count = s.arrivalsOf(total);
          sum += count;
          long prev = -1;
          for (long j = 0; j < count; j++) {
            long k = s.planIndex(j);
            assertThat(k).isGreaterThan(prev).isLessThan(total);
            assertThat(s.owns(k)).isTrue();
            assertThat(owner[(int) k]).as("arrival %d of %d, %d shards", k, total, n).isEqualTo(-1);
            owner[(int) k] = i;
            prev = k;
          }
          // the next one would be past the plan
          assertThat(s.planIndex(count)).isGreaterThanOrEqualTo(total);
        }
        assertThat(sum).isEqualTo(total);
        for (int k = 0; k < total; k++) {
          assertThat(owner[k]).isEqualTo(k % n);
        }
        // shard sizes differ by at most one: each follows 1/N of the rate
        long max = new LoadShard(0, n).arrivalsOf(total);
        long min = new LoadShard(n - 1, n).arrivalsOf(total);
        assertThat(max - min).isBetween(0L, 1L);
      }
    }
  }

  /**
   * The engine hook: event loop {@code l} of {@code L} walks plan indexes from {@code
   * shard.planIndex(l)} in steps of {@code L * count}. The loops of all shards together visit every
   * arrival once.
   */
  @Test
  void engineLoopsWithinShardsCoverThePlanOnce() {
    long total = 1_003;
    for (int n = 1; n <= 5; n++) {
      for (int loops = 1; loops <= 4; loops++) {
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          LoadShard s = new LoadShard(i, n);
          for (int l = 0; l < loops; l++) {
            for (long k = s.planIndex(l); k < total; k += (long) loops * n) {
              assertThat(s.owns(k)).isTrue();
              seen.add(k);
            }
          }
        }
        assertThat(seen).hasSize((int) total).doesNotHaveDuplicates();
      }
    }
  }
}
