package dev.hotpath.load.result;

/**
 * One of {@code count} shards of a distributed open-model run ({@code hotpath load --shard
 * index/count}, index from 0, as Kubernetes' {@code JOB_COMPLETION_INDEX}). Shard {@code i} owns
 * the planned arrivals {@code k} with {@code k % count == i}: the shards interleave, so together
 * they send exactly the plan's arrivals at exactly the plan's intended times, and each shard alone
 * follows the same ramp shape at 1/count of the rate (not a burst of consecutive requests).
 *
 * <p>The engine walks a shard's arrivals by local number: the shard's {@code j}-th arrival is the
 * plan's arrival {@link #planIndex(long) planIndex(j)}, and the shard holds {@link
 * #arrivalsOf(long)} of the plan's total.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * LoadShard shard = LoadShard.parse("2/4");            // or LoadShard.parse(System.getenv("..."))
 * for (long j = 0; j < shard.arrivalsOf(plan.totalRequests()); j++) {
 *   long k = shard.planIndex(j);                       // the plan's arrival number
 *   long at = plan.intendedOffsetNanos(k);
 * }
 * }</pre>
 *
 * @param index this shard, from 0 to {@code count - 1}
 * @param count how many shards share the plan, from 1 to {@link #MAX_COUNT}
 */
public record LoadShard(int index, int count) {
  /** The most shards a plan can be split into. */
  public static final int MAX_COUNT = 100_000;

  /** The whole plan in one process (shard 0 of 1). */
  public static final LoadShard WHOLE = new LoadShard(0, 1);

  /** The key of {@link RunInfo#labels()} that holds {@link #label()}, e.g. {@code shard=1/4}. */
  public static final String LABEL = "shard";

  /** Validates the range. */
  public LoadShard {
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException("--shard: the shard count must be in [1, " + MAX_COUNT + "], was " + count);
    }
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "--shard: the index must be in [0, " + (count - 1) + "] for " + count + " shards, was " + index
              + " (indexes start at 0, like JOB_COMPLETION_INDEX)");
    }
  }

  /**
   * Parses {@code index/count}, e.g. {@code 0/4}.
   *
   * @throws IllegalArgumentException naming {@code --shard}, the value and the allowed form
   */
  public static LoadShard parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    if (slash <= 0 || slash == t.length() - 1) {
      throw new IllegalArgumentException("--shard: '" + text + "' is not INDEX/COUNT (e.g. 0/4; index from 0)");
    }
    try {
      return new LoadShard(Integer.parseInt(t.substring(0, slash).strip()), Integer.parseInt(t.substring(slash + 1).strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--shard: '" + text + "' is not INDEX/COUNT (e.g. 0/4; index from 0)", e);
    }
  }

  /** Whether the plan's arrival {@code k} (0-based) belongs to this shard. */
  public boolean owns(long k) {
    return k >= 0 && k % count == index;
  }

  /** The plan's arrival number of this shard's {@code j}-th arrival (both 0-based). */
  public long planIndex(long localIndex) {
    if (localIndex < 0) {
      throw new IllegalArgumentException("localIndex must be >= 0, was " + localIndex);
    }
    return index + localIndex * count;
  }

  /** How many of a plan's {@code total} arrivals belong to this shard. */
  public long arrivalsOf(long total) {
    if (total < 0) {
      throw new IllegalArgumentException("total must be >= 0, was " + total);
    }
    return total <= index ? 0 : (total - index - 1) / count + 1;
  }

  /** Whether this is the whole plan (one shard). */
  public boolean isWhole() {
    return count == 1;
  }

  /** {@code index/count}, the value of the {@link #LABEL} label. */
  public String label() {
    return index + "/" + count;
  }

  @Override
  public String toString() {
    return label();
  }
}
