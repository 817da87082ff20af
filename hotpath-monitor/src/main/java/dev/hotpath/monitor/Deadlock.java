package dev.hotpath.monitor;

import java.util.List;

/**
 * Threads deadlocked on monitors or ownable synchronizers, each with the lock it waits for, who
 * holds it and its stack. Immutable.
 *
 * @param threadNames the deadlocked threads
 * @param report per thread: the lock it waits for, its owner, the full stack and the locks held
 */
public record Deadlock(List<String> threadNames, String report) {
  public Deadlock {
    threadNames = List.copyOf(threadNames);
  }
}
