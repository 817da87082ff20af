package dev.hotpath.monitor;

/** What a {@link Profiler} samples. */
public enum ProfileEvent {
  /** On-CPU time: perf events where allowed, else itimer/ctimer, else JFR's execution samples. */
  CPU,
  /** Wall-clock time of every thread, running or not. */
  WALL,
  /** Heap allocations, weighted by bytes. */
  ALLOC,
  /** Contended locks, weighted by time waited. */
  LOCK
}
