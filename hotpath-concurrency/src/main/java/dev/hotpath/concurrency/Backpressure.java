package dev.hotpath.concurrency;

/**
 * What a {@link WorkerPool} does with a task submitted while its queue is full.
 *
 * <ul>
 *   <li>{@link #BLOCK}: the submitter waits for space up to {@link WorkerPoolConfig#blockTimeout()},
 *       then the task is rejected. Slows producers down to the pool's pace.
 *   <li>{@link #REJECT}: the task is rejected at once ({@link java.util.concurrent.RejectedExecutionException}).
 *       For callers that can shed load or answer "busy".
 *   <li>{@link #CALLER_RUNS}: the submitting thread runs the task itself. Throttles producers
 *       without a timeout, at the cost of running work on the caller's thread.
 * </ul>
 *
 * <p>A rejection is never silent: {@code submit} throws, and the pool counts it.
 */
public enum Backpressure {
  /** Wait for queue space up to the configured timeout, then reject. */
  BLOCK,
  /** Reject at once when the queue is full. */
  REJECT,
  /** Run the task on the submitting thread when the queue is full. */
  CALLER_RUNS
}
