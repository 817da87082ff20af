package dev.hotpath.db;

import dev.hotpath.metrics.Durations;
import dev.hotpath.metrics.Ticker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Shards behind one router: {@link #shardFor(long)} gives the DataSource that owns a key, and
 * {@link #scatterGather} runs one query on every shard in parallel, each with a timeout, and merges
 * the rows (order, limit). A shard that is slow or down does not fail or stall the whole query:
 * its statement is cancelled at the deadline and the result is flagged {@linkplain
 * ScatterResult#partial() partial}.
 *
 * <p>Thread-safe. The executor runs one task per shard per scatter-gather (default: a virtual
 * thread each); {@link #close()} shuts down only an executor this class created.
 *
 * <pre>{@code
 * ShardedDataSource shards = ShardedDataSource.of(JumpHashRouter.of(3), List.of(pg0, pg1, pg2));
 * try (Connection c = shards.shardFor(customerId).getConnection()) { ... }
 * ScatterResult<Long> r = shards.scatterGather(ScatterQuery.of("select id from orders", rs -> rs.getLong(1)));
 * }</pre>
 */
public final class ShardedDataSource implements AutoCloseable {
  private final ShardRouter router;
  private final List<DataSource> shards;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final Ticker ticker;

  private ShardedDataSource(
      ShardRouter router, List<DataSource> shards, ExecutorService executor, boolean owns, Ticker ticker) {
    if (router.shardCount() != shards.size()) {
      throw new IllegalArgumentException(
          "router spreads over " + router.shardCount() + " shards but " + shards.size()
              + " DataSources were given");
    }
    this.router = router;
    this.shards = List.copyOf(shards);
    this.executor = executor;
    this.ownsExecutor = owns;
    this.ticker = ticker;
  }

  /** Shards {@code shards} (index = shard number) routed by {@code router}; virtual-thread executor. */
  public static ShardedDataSource of(ShardRouter router, List<DataSource> shards) {
    return new ShardedDataSource(
        router, shards, Executors.newVirtualThreadPerTaskExecutor(), true, Ticker.system());
  }

  /** As {@link #of}, with the executor and ticker given (not shut down by {@link #close()}). */
  public static ShardedDataSource of(
      ShardRouter router, List<DataSource> shards, ExecutorService executor, Ticker ticker) {
    return new ShardedDataSource(
        router, shards, Objects.requireNonNull(executor, "executor"), false, Objects.requireNonNull(ticker, "ticker"));
  }

  /** The router. */
  public ShardRouter router() {
    return router;
  }

  /** How many shards. */
  public int shardCount() {
    return shards.size();
  }

  /** The DataSource of shard {@code index}. */
  public DataSource shard(int index) {
    return shards.get(index);
  }

  /** The DataSource that owns {@code key}. */
  public DataSource shardFor(long key) {
    return shards.get(router.shardFor(key));
  }

  /**
   * Runs {@code query} on every shard at once and merges what arrives within the per-shard
   * timeout. Never throws for a shard's failure: it is reported in {@link ScatterResult#failures()}.
   *
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  public <T> ScatterResult<T> scatterGather(ScatterQuery<T> query) throws InterruptedException {
    int n = shards.size();
    List<AtomicReference<@Nullable Statement>> running = new ArrayList<>(n);
    List<Future<List<T>>> futures = new ArrayList<>(n);
    long deadline = ticker.read() + Durations.toNanosSaturated(query.perShardTimeout()); // may wrap: only differences are used
    for (int i = 0; i < n; i++) {
      AtomicReference<@Nullable Statement> ref = new AtomicReference<>();
      running.add(ref);
      DataSource ds = shards.get(i);
      futures.add(executor.submit(() -> runOn(ds, query, ref)));
    }
    List<T> rows = new ArrayList<>();
    List<ScatterResult.ShardFailure> failures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Future<List<T>> f = futures.get(i);
      try {
        long remaining = Math.max(0, deadline - ticker.read());
        rows.addAll(f.get(remaining, TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        cancel(running.get(i), f);
        failures.add(new ScatterResult.ShardFailure(
            i, true, "no answer within " + Durations.toMillisSaturated(query.perShardTimeout()) + " ms; statement cancelled"));
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        failures.add(new ScatterResult.ShardFailure(i, false, String.valueOf(cause)));
      } catch (InterruptedException e) {
        for (int j = i; j < n; j++) {
          cancel(running.get(j), futures.get(j));
        }
        throw e;
      }
    }
    Comparator<? super T> order = query.order();
    if (order != null) {
      rows.sort(order);
    }
    if (query.limit() > 0 && rows.size() > query.limit()) {
      rows = rows.subList(0, query.limit());
    }
    return new ScatterResult<>(rows, failures, n);
  }

  private static <T> List<T> runOn(DataSource ds, ScatterQuery<T> query, AtomicReference<@Nullable Statement> ref)
      throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(query.sql())) {
      // Backstop for drivers that ignore cancel(): the server ends it too, a little later.
      long millis = Durations.toMillisSaturated(query.perShardTimeout());
      long seconds = millis / 1000 + (millis % 1000 == 0 ? 1 : 2); // whole seconds, rounded up, plus one
      ps.setQueryTimeout(seconds > Integer.MAX_VALUE ? 0 : (int) seconds); // 0: no limit (FOREVER)
      for (int p = 0; p < query.params().size(); p++) {
        ps.setObject(p + 1, query.params().get(p));
      }
      ref.set(ps);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(query.mapper().map(rs));
          if (query.limit() > 0 && query.order() == null && out.size() >= query.limit()) {
            break; // unordered merge keeps the first rows: no shard needs to send more
          }
        }
      } finally {
        ref.set(null);
      }
      return out;
    }
  }

  private static void cancel(AtomicReference<@Nullable Statement> ref, Future<?> f) {
    Statement s = ref.get();
    if (s != null) {
      try {
        s.cancel(); // PostgreSQL and MariaDB stop the query server-side; the connection goes back
      } catch (SQLException | RuntimeException ignored) {
        // already finished or closed: nothing left to stop
      }
    }
    f.cancel(true);
  }

  /** Shuts down the executor if this class created it; the shards' DataSources stay open. */
  @Override
  public void close() {
    if (ownsExecutor) {
      executor.shutdownNow();
    }
  }
}
