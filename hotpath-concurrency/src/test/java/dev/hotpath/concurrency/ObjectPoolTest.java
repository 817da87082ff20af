package dev.hotpath.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class ObjectPoolTest {

  /** A pooled object that detects being used by two borrowers at once. */
  static final class Probe {
    final AtomicBoolean inUse = new AtomicBoolean();
    final StringBuilder text = new StringBuilder();
  }

  private static ObjectPool<StringBuilder> builders(ObjectPoolConfig config) {
    return ObjectPool.create("sb", config, StringBuilder::new, sb -> sb.setLength(0));
  }

  @Test
  void reusesAndResetsReleasedObjects() {
    ObjectPool<StringBuilder> pool = builders(ObjectPoolConfig.builder().maxIdlePerThread(0).build());
    StringBuilder first = pool.borrow();
    first.append("dirty");
    pool.release(first);
    StringBuilder second = pool.borrow();
    assertThat(second).isSameAs(first);
    assertThat(second).isEmpty();
    ObjectPoolStats stats = pool.stats();
    assertThat(stats.borrowed()).isEqualTo(2);
    assertThat(stats.reused()).isEqualTo(1);
    assertThat(stats.created()).isEqualTo(1);
  }

  @Test
  void keepsAtMostCapacityIdleObjects() {
    ObjectPool<StringBuilder> pool =
        builders(ObjectPoolConfig.builder().maxIdle(3).maxIdlePerThread(0).build());
    List<StringBuilder> borrowed = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      borrowed.add(pool.borrow());
    }
    borrowed.forEach(pool::release);
    ObjectPoolStats stats = pool.stats();
    assertThat(stats.idleShared()).isEqualTo(3);
    assertThat(stats.dropped()).isEqualTo(7);
  }

  @Test
  void threadLocalFastPathServesTheSameThread() {
    ObjectPool<StringBuilder> pool =
        builders(ObjectPoolConfig.builder().maxIdle(1).maxIdlePerThread(2).build());
    StringBuilder a = pool.borrow();
    StringBuilder b = pool.borrow();
    StringBuilder c = pool.borrow();
    pool.release(a);
    pool.release(b);
    pool.release(c); // thread cache holds a and b; c goes to the shared store
    assertThat(pool.stats().idleShared()).isEqualTo(1);
    assertThat(pool.borrow()).isSameAs(b); // LIFO: the most recently released, still cache-warm
  }

  @Test
  void leaseReleasesOnClose() {
    ObjectPool<StringBuilder> pool = builders(ObjectPoolConfig.builder().trackLeaks(true).build());
    StringBuilder inside;
    try (ObjectPool.Lease<StringBuilder> lease = pool.lease()) {
      inside = lease.get().append("x");
      assertThat(pool.outstanding()).isEqualTo(1);
    }
    assertThat(pool.outstanding()).isZero();
    assertThat(inside).isEmpty();
  }

  @Test
  void debugModeRejectsDoubleAndForeignRelease() {
    ObjectPool<StringBuilder> pool =
        builders(ObjectPoolConfig.builder().trackLeaks(true).build());
    StringBuilder sb = pool.borrow();
    pool.release(sb);
    assertThatThrownBy(() -> pool.release(sb))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not borrowed from pool sb");
    assertThatThrownBy(() -> pool.release(new StringBuilder()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void debugModeReportsObjectsNeverReleased() throws Exception {
    List<LeakReport> reports = new CopyOnWriteArrayList<>();
    ObjectPool<StringBuilder> pool =
        ObjectPool.create(
            "leaky",
            ObjectPoolConfig.builder().trackLeaks(true).leakListener(reports::add).build(),
            StringBuilder::new,
            sb -> sb.setLength(0));
    pool.release(pool.borrow()); // released: not a leak
    leakOne(pool);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (reports.isEmpty() && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(reports).hasSize(1);
    LeakReport report = reports.get(0);
    assertThat(report.pool()).isEqualTo("leaky");
    assertThat(report.type()).isEqualTo(StringBuilder.class.getName());
    assertThat(report.borrowedAt().getStackTrace())
        .anyMatch(frame -> frame.getMethodName().equals("leakOne"));
    assertThat(pool.stats().leaked()).isEqualTo(1);
    assertThat(pool.outstanding()).isZero();
  }

  private static void leakOne(ObjectPool<StringBuilder> pool) {
    pool.borrow().append("forgotten");
  }

  /**
   * Many threads borrow, mark, check and release. Invariant: no object is ever held by two
   * borrowers, and every object handed out was reset.
   */
  @ParameterizedTest
  @EnumSource(WorkerThreads.class)
  void stressNoObjectIsSharedBetweenBorrowers(WorkerThreads threads) throws Exception {
    for (boolean trackLeaks : new boolean[] {false, true}) {
      AtomicInteger created = new AtomicInteger();
      ObjectPool<Probe> pool =
          ObjectPool.create(
              "probes",
              ObjectPoolConfig.builder().maxIdle(16).maxIdlePerThread(2).trackLeaks(trackLeaks).build(),
              () -> {
                created.incrementAndGet();
                return new Probe();
              },
              p -> p.text.setLength(0));
      Stress.run(
          threads,
          32,
          t -> {
            for (int i = 0; i < 1_500; i++) {
              Probe p = pool.borrow();
              if (!p.inUse.compareAndSet(false, true)) {
                throw new AssertionError("object handed to two borrowers");
              }
              if (p.text.length() != 0) {
                throw new AssertionError("object not reset");
              }
              p.text.append(t);
              if (i % 64 == 0) {
                Thread.yield();
              }
              p.inUse.set(false);
              pool.release(p);
            }
          });
      ObjectPoolStats stats = pool.stats();
      assertThat(stats.borrowed()).isEqualTo(32 * 1_500);
      assertThat(stats.released()).isEqualTo(32 * 1_500);
      assertThat(stats.created()).isEqualTo(created.get());
      assertThat(stats.idleShared()).isLessThanOrEqualTo(16);
      if (trackLeaks) {
        assertThat(pool.outstanding()).isZero();
      }
    }
  }

  @Test
  void anObjectWhoseResetFailsIsDropped() {
    ObjectPool<StringBuilder> pool =
        ObjectPool.create(
            "sb",
            ObjectPoolConfig.builder().maxIdlePerThread(0).build(),
            StringBuilder::new,
            sb -> {
              if (sb.length() > 0) {
                throw new IllegalStateException("cannot reset");
              }
            });
    StringBuilder dirty = pool.borrow().append("x");
    assertThatThrownBy(() -> pool.release(dirty)).hasMessage("cannot reset");
    assertThat(pool.stats().idleShared()).isZero();
    assertThat(pool.borrow()).isNotSameAs(dirty);
  }

  @Test
  void configRejectsBadValues() {
    assertThatThrownBy(() -> ObjectPoolConfig.builder().maxIdle(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ObjectPoolConfig.maxIdle must be in [1, ");
    assertThatThrownBy(() -> ObjectPoolConfig.builder().maxIdlePerThread(65).build())
        .hasMessage("ObjectPoolConfig.maxIdlePerThread must be in [0, 64], was 65");
  }
}
