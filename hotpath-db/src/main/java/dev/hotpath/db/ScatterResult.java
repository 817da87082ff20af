package dev.hotpath.db;

import java.util.List;

/**
 * What a scatter-gather returned: the merged rows, and, when some shards failed or timed out,
 * which ones. A partial result is still ordered and limited over the shards that answered.
 *
 * @param rows merged rows
 * @param failures shards that gave no rows, with why
 * @param shards shards queried
 */
public record ScatterResult<T>(List<T> rows, List<ShardFailure> failures, int shards) {
  /** Copies the lists. */
  public ScatterResult {
    rows = List.copyOf(rows);
    failures = List.copyOf(failures);
  }

  /** Whether some shard's rows are missing. */
  public boolean partial() {
    return !failures.isEmpty();
  }

  /**
   * Why one shard gave no rows.
   *
   * @param shard the shard number
   * @param timedOut whether it hit the per-shard timeout (its statement was cancelled)
   * @param message what happened
   */
  public record ShardFailure(int shard, boolean timedOut, String message) {}
}
