package dev.hotpath.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class JvmMonitorTest {
  @Test
  void bindsMicrometersJvmMetricsAndOurs() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (JvmMonitor jvm = new JvmMonitor()) {
      jvm.bindTo(registry);
      assertThat(registry.find("jvm.memory.used").gauges()).isNotEmpty();
      assertThat(registry.find("jvm.gc.overhead").gauge()).isNotNull();
      assertThat(registry.find("process.cpu.usage").gauge()).isNotNull();
      assertThat(registry.find("process.files.open").gauge()).isNotNull();
      assertThat(registry.get("jvm.threads.deadlocked").gauge().value()).isZero();
      assertThat(jvm.findDeadlock()).isEmpty();
      if (System.getProperty("os.name").startsWith("Linux")) {
        // the metrics core's ResourceSampler fills what Micrometer lacks: network and disk bytes
        assertThat(registry.get("system.network.received").functionCounter().count()).isGreaterThanOrEqualTo(0);
        assertThat(registry.get("process.disk.read").functionCounter()).isNotNull();
      }
    }
  }

  @Test
  void reportsADeadlockWithTheStacksInvolved() throws Exception {
    ReentrantLock a = new ReentrantLock();
    ReentrantLock b = new ReentrantLock();
    CountDownLatch both = new CountDownLatch(2);
    Thread t1 = Thread.ofPlatform().daemon().name("deadlock-left").start(() -> lockBoth(a, b, both));
    Thread t2 = Thread.ofPlatform().daemon().name("deadlock-right").start(() -> lockBoth(b, a, both));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (JvmMonitor jvm = new JvmMonitor()) {
      jvm.bindTo(registry);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (jvm.findDeadlock().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Deadlock d = jvm.findDeadlock().orElseThrow();
      assertThat(d.threadNames()).containsExactlyInAnyOrder("deadlock-left", "deadlock-right");
      assertThat(d.report()).contains("lockBoth").contains("held by \"deadlock-");
      assertThat(registry.get("jvm.threads.deadlocked").gauge().value()).isEqualTo(2.0);
    }
    assertThat(t1.isAlive() && t2.isAlive()).isTrue(); // daemon threads stay stuck; the JVM exits anyway
  }

  private static void lockBoth(ReentrantLock first, ReentrantLock second, CountDownLatch both) {
    first.lock();
    both.countDown();
    try {
      both.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    second.lock();
  }
}
