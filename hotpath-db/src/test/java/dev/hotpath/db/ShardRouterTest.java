package dev.hotpath.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShardRouterTest {
  private static final int KEYS = 100_000;

  /** Chi-square statistic of the shard counts of keys 0..KEYS-1 against a uniform spread. */
  private static double chiSquare(ShardRouter router) {
    long[] counts = new long[router.shardCount()];
    for (long k = 0; k < KEYS; k++) {
      counts[router.shardFor(k)]++;
    }
    double expected = (double) KEYS / counts.length;
    double chi = 0;
    for (long c : counts) {
      chi += (c - expected) * (c - expected) / expected;
    }
    return chi;
  }

  @Test
  void hashStrategiesSpreadUniformly() {
    // Critical values at p = 0.001: 9 degrees of freedom 27.88, 4 degrees 18.47.
    assertThat(chiSquare(ModuloRouter.of(10))).isLessThan(27.88);
    assertThat(chiSquare(JumpHashRouter.of(10))).isLessThan(27.88);
    assertThat(chiSquare(JumpHashRouter.of(5))).isLessThan(18.47);
    assertThat(chiSquare(ShardStrategy.RENDEZVOUS.router(10))).isLessThan(27.88);
    assertThat(chiSquare(ShardStrategy.RENDEZVOUS.router(5))).isLessThan(18.47);
  }

  @Test
  void ringSpreadIsBoundedByItsVirtualNodes() {
    ShardRouter ring = RingRouter.of(List.of("a", "b", "c", "d", "e"), 1000);
    long[] counts = new long[5];
    for (long k = 0; k < KEYS; k++) {
      counts[ring.shardFor(k)]++;
    }
    for (long c : counts) {
      assertThat(c).isBetween((long) (KEYS / 5 * 0.85), (long) (KEYS / 5 * 1.15));
    }
  }

  @Test
  void consistentStrategiesMoveAboutOneOverNPlusOne() {
    for (int n : new int[] {4, 9}) {
      double ideal = 1.0 / (n + 1);
      assertThat(ReshardPlan.compute(ShardStrategy.JUMP, n, n + 1, KEYS).movedFraction())
          .isCloseTo(ideal, within(0.01));
      assertThat(ReshardPlan.compute(ShardStrategy.RENDEZVOUS, n, n + 1, KEYS).movedFraction())
          .isCloseTo(ideal, within(0.01));
      assertThat(ReshardPlan.compute(ShardStrategy.RING, n, n + 1, KEYS).movedFraction())
          .isCloseTo(ideal, within(0.05));
      // modulo moves n/(n+1) of the keys: the guide's GetShard
      assertThat(ReshardPlan.compute(ShardStrategy.MODULO, n, n + 1, KEYS).movedFraction())
          .isCloseTo((double) n / (n + 1), within(0.01));
    }
  }

  @Test
  void jumpMovesKeysOnlyToTheNewShard() {
    ShardRouter four = JumpHashRouter.of(4);
    ShardRouter five = JumpHashRouter.of(5);
    for (long k = 0; k < 10_000; k++) {
      int a = four.shardFor(k);
      int b = five.shardFor(k);
      assertThat(b == a || b == 4).as("key %d moved %d -> %d", k, a, b).isTrue();
    }
  }

  @Test
  void weightedRendezvousFollowsWeights() {
    Map<String, Integer> w = new LinkedHashMap<>();
    w.put("big", 3);
    w.put("small", 1);
    RendezvousRouter r = RendezvousRouter.weighted(w);
    long big = 0;
    for (long k = 0; k < KEYS; k++) {
      if (r.shardFor(k) == 0) {
        big++;
      }
    }
    assertThat((double) big / KEYS).isCloseTo(0.75, within(0.01));
    assertThat(r.shardName(0)).isEqualTo("big");
  }

  @Test
  void rangeRoutesByValue() {
    RangeRouter r = RangeRouter.ofBounds(1000, 2000);
    assertThat(r.shardCount()).isEqualTo(3);
    assertThat(r.shardFor(-5)).isZero();
    assertThat(r.shardFor(999)).isZero();
    assertThat(r.shardFor(1000)).isEqualTo(1);
    assertThat(r.shardFor(1999)).isEqualTo(1);
    assertThat(r.shardFor(2000)).isEqualTo(2);
    assertThat(RangeRouter.evenly(0, 100, 4).shardFor(50)).isEqualTo(2);
    assertThatThrownBy(() -> RangeRouter.ofBounds(5, 5)).hasMessageContaining("strictly increasing");
  }

  @Test
  void directoryOverridesFallbackAndRefusesUnknownWhenStrict() {
    DirectoryRouter d = DirectoryRouter.withFallback(JumpHashRouter.of(4));
    int before = d.shardFor(42);
    d.assign(42, (before + 1) % 4);
    assertThat(d.shardFor(42)).isEqualTo((before + 1) % 4);
    d.unassign(42);
    assertThat(d.shardFor(42)).isEqualTo(before);
    DirectoryRouter strict = DirectoryRouter.strict(2, Map.of(7L, 1));
    assertThat(strict.shardFor(7)).isEqualTo(1);
    assertThatThrownBy(() -> strict.shardFor(8)).hasMessageContaining("key 8 has no entry");
    assertThatThrownBy(() -> strict.assign(1, 2)).hasMessageContaining("[0, 1]");
  }

  @ParameterizedTest
  @EnumSource(ShardStrategy.class)
  void stableAcrossInstancesAndStringKeys(ShardStrategy s) {
    ShardRouter a = s.router(7);
    ShardRouter b = s.router(7);
    for (long k = 0; k < 1000; k++) {
      assertThat(a.shardFor(k)).isEqualTo(b.shardFor(k)).isBetween(0, 6);
    }
    assertThat(a.shardFor(ShardRouter.hash("tenant-acme"))).isEqualTo(b.shardFor(ShardRouter.hash("tenant-acme")));
    assertThat(ShardStrategy.parse(s.cliName())).isEqualTo(s);
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> JumpHashRouter.of(0)).hasMessage("shards must be in [1, 1000000], was 0");
    assertThatThrownBy(() -> ShardStrategy.parse("crc")).hasMessageContaining("modulo, jump, ring, rendezvous");
    assertThatThrownBy(() -> RingRouter.of(List.of("a", "a"), 10)).hasMessageContaining("unique");
    assertThatThrownBy(() -> ReshardPlan.compute(ShardStrategy.JUMP, 4, 5, 0)).hasMessageContaining("keys");
  }
}
