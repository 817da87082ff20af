package dev.hotpath.concurrency;

/**
 * The kind of thread a {@link WorkerPool} or {@link Pipeline} runs its workers on.
 *
 * <p>{@link #PLATFORM} suits CPU-bound work (size the pool near the core count); {@link #VIRTUAL}
 * suits blocking I/O, where a fixed number of cheap threads caps concurrency rather than cores.
 */
public enum WorkerThreads {
  /** Ordinary OS-backed threads (daemon). */
  PLATFORM,
  /** Virtual threads (JDK 21). */
  VIRTUAL;

  Thread.Builder builder(String namePrefix) {
    return switch (this) {
      case PLATFORM -> Thread.ofPlatform().daemon(true).name(namePrefix, 0);
      case VIRTUAL -> Thread.ofVirtual().name(namePrefix, 0);
    };
  }
}
