package dev.hotpath.db;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A query to run on every shard of a {@link ShardedDataSource} and merge. Push ordering and limits
 * down into {@code sql} too ({@code ORDER BY created DESC LIMIT 20} on every shard), so each shard
 * returns at most {@code limit} rows; the merge then sorts with {@code order} and keeps {@code
 * limit}. Immutable.
 *
 * <pre>{@code
 * ScatterQuery<Order> q = ScatterQuery.of("select id, total from orders order by total desc limit 10",
 *         rs -> new Order(rs.getLong(1), rs.getLong(2)))
 *     .orderBy(Comparator.comparingLong(Order::total).reversed())
 *     .limit(10)
 *     .perShardTimeout(Duration.ofMillis(200));
 * }</pre>
 *
 * @param sql the statement, with {@code ?} for {@code params}
 * @param params bound in order on every shard
 * @param mapper turns a row into a value
 * @param order merge order, or {@code null} to keep shard order (shard 0's rows first)
 * @param limit rows kept after merging, 0 for all
 * @param perShardTimeout how long each shard may take, from the moment all shards were started
 */
public record ScatterQuery<T>(
    String sql,
    List<Object> params,
    RowMapper<T> mapper,
    @Nullable Comparator<? super T> order,
    int limit,
    Duration perShardTimeout) {

  /** Validates. */
  public ScatterQuery {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(mapper, "mapper");
    Objects.requireNonNull(perShardTimeout, "perShardTimeout");
    params = List.copyOf(params);
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0 (0 = all rows), was " + limit);
    }
    if (perShardTimeout.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException("perShardTimeout must be >= 1ms, was " + perShardTimeout);
    }
  }

  /** {@code sql} with no parameters, shard order, no limit, a 5 s per-shard timeout. */
  public static <T> ScatterQuery<T> of(String sql, RowMapper<T> mapper) {
    return new ScatterQuery<>(sql, List.of(), mapper, null, 0, Duration.ofSeconds(5));
  }

  /** With these parameters. */
  public ScatterQuery<T> params(Object... values) {
    return new ScatterQuery<>(sql, List.of(values), mapper, order, limit, perShardTimeout);
  }

  /** Merged in this order. */
  public ScatterQuery<T> orderBy(Comparator<? super T> value) {
    return new ScatterQuery<>(sql, params, mapper, value, limit, perShardTimeout);
  }

  /** At most this many rows after merging. */
  public ScatterQuery<T> limit(int value) {
    return new ScatterQuery<>(sql, params, mapper, order, value, perShardTimeout);
  }

  /** Each shard may take this long. */
  public ScatterQuery<T> perShardTimeout(Duration value) {
    return new ScatterQuery<>(sql, params, mapper, order, limit, value);
  }
}
