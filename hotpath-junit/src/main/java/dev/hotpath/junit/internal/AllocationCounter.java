package dev.hotpath.junit.internal;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the current thread, from HotSpot's per-thread accounting ({@code
 * com.sun.management.ThreadMXBean}). {@link #unavailableReason()} says why it cannot measure where
 * it cannot: another JVM, accounting switched off, or a thread the JVM does not account (virtual
 * threads on some JDKs report -1).
 */
public final class AllocationCounter {
  private final com.sun.management.@org.jspecify.annotations.Nullable ThreadMXBean bean;

  /** A counter for this JVM. */
  public AllocationCounter() {
    java.lang.management.ThreadMXBean b = ManagementFactory.getThreadMXBean();
    this.bean = b instanceof com.sun.management.ThreadMXBean sun ? sun : null;
  }

  /** Why allocations of this thread cannot be measured, or null when they can. */
  public @org.jspecify.annotations.Nullable String unavailableReason() {
    com.sun.management.ThreadMXBean b = bean;
    if (b == null) {
      return "this JVM has no com.sun.management.ThreadMXBean (per-thread allocation accounting is HotSpot's)";
    }
    if (!b.isThreadAllocatedMemorySupported()) {
      return "this JVM does not support per-thread allocation accounting";
    }
    if (!b.isThreadAllocatedMemoryEnabled()) {
      return "per-thread allocation accounting is switched off (ThreadMXBean.setThreadAllocatedMemoryEnabled)";
    }
    if (b.getCurrentThreadAllocatedBytes() < 0) {
      return "the JVM does not account allocations of this thread ("
          + (Thread.currentThread().isVirtual() ? "a virtual thread" : Thread.currentThread().getName()) + ")";
    }
    return null;
  }

  /** Bytes this thread allocated since it started; only valid when {@link #unavailableReason()} is null. */
  public long allocatedBytes() {
    com.sun.management.ThreadMXBean b = bean;
    return b == null ? -1 : b.getCurrentThreadAllocatedBytes();
  }
}
