package dev.hotpath.resilience;

/** What one call's end means to the guard that admitted it. */
enum Outcome {
  /** Counts as a success (for a breaker, possibly a slow one). */
  SUCCESS,
  /** Counts as a failure of the dependency. */
  FAILURE,
  /** Counts neither way: the call was cancelled, refused further in, or its exception ignored. */
  IGNORED
}
