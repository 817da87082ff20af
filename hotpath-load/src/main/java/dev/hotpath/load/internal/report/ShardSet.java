package dev.hotpath.load.internal.report;

import java.util.BitSet;
import java.util.Map;

/**
 * The shard indexes a result covers, from its {@code shard} label: {@code 2/4} for one shard,
 * {@code 0,1,3/4} for a merge of several. A result without the label is not sharded.
 */
public record ShardSet(BitSet indexes, int count) {

  /**
   * The shards of a result with {@code labels}, or null when it has no {@code shard} label.
   *
   * @throws IllegalArgumentException if the label is malformed; {@code what} names the result
   */
  public static @org.jspecify.annotations.Nullable ShardSet of(Map<String, String> labels, String key, String what) {
    String v = labels.get(key);
    if (v == null) {
      return null;
    }
    int slash = v.lastIndexOf('/');
    try {
      if (slash <= 0) {
        throw new NumberFormatException();
      }
      int count = Integer.parseInt(v.substring(slash + 1).strip());
      BitSet set = new BitSet();
      for (String p : v.substring(0, slash).split(",", -1)) {
        int i = Integer.parseInt(p.strip());
        if (i < 0 || i >= count) {
          throw new IllegalArgumentException(what + ": shard index " + i + " is outside [0, " + (count - 1) + "]");
        }
        set.set(i);
      }
      return new ShardSet(set, count);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": label " + key + "='" + v + "' is not INDEX/COUNT or INDEX,INDEX,.../COUNT", e);
    }
  }

  /** The label value: {@code 0,1,3/4}. */
  public String label() {
    StringBuilder sb = new StringBuilder();
    indexes.stream().forEach(i -> sb.append(sb.isEmpty() ? "" : ",").append(i));
    return sb + "/" + count;
  }

  /** Whether every shard of the plan is here. */
  public boolean complete() {
    return indexes.cardinality() == count;
  }

  /** The shard indexes missing from the plan, as {@code 1,2}. */
  public String missing() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (!indexes.get(i)) {
        sb.append(sb.isEmpty() ? "" : ",").append(i);
      }
    }
    return sb.toString();
  }
}
