package dev.hotpath.db;

import dev.hotpath.metrics.Scope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Read/write routing: writes go to the primary, reads to the replicas (round robin), and reads in
 * a metrics {@link Scope} that has already written stay on the primary, so a request reads its own
 * writes despite replication lag.
 *
 * <p>{@link #getConnection()} (the plain DataSource method) is a write connection: code that does
 * not say it only reads is sent to the primary, never wrongly to a replica. Ask for {@link
 * #readConnection()} (or use {@link #forReads()}) where a read may be served by a replica.
 * Read-your-writes holds within the scope that took the write connection; without a scope, reads
 * go to replicas and may lag.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * ReadWriteDataSource db = ReadWriteDataSource.of(primaryPool, List.of(replicaPool1, replicaPool2));
 * try (Scope s = Scope.open("POST /orders")) {
 *   try (Connection w = db.getConnection()) { insertOrder(w); }
 *   try (Connection r = db.readConnection()) { readOrder(r); }   // primary: this scope wrote
 * }
 * }</pre>
 */
public final class ReadWriteDataSource extends ForwardingDataSource {
  private final DataSource primary;
  private final List<DataSource> replicas;
  private final AtomicInteger next = new AtomicInteger();
  private final Map<Scope, Boolean> wrote = Collections.synchronizedMap(new WeakHashMap<>());

  private ReadWriteDataSource(DataSource primary, List<DataSource> replicas) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.replicas = List.copyOf(replicas);
  }

  /** Routes writes to {@code primary} and reads to {@code replicas} (may be empty: all primary). */
  public static ReadWriteDataSource of(DataSource primary, List<DataSource> replicas) {
    return new ReadWriteDataSource(primary, replicas);
  }

  /** A connection to the primary; marks the current scope as having written. */
  @Override
  public Connection getConnection() throws SQLException {
    return writeConnection();
  }

  /** A connection to the primary; marks the current scope as having written. */
  public Connection writeConnection() throws SQLException {
    Scope scope = Scope.current();
    if (scope != null) {
      wrote.put(scope, Boolean.TRUE);
    }
    return primary.getConnection();
  }

  /**
   * A connection for reading: a replica, round robin, unless there is none or the current scope
   * has written (then the primary).
   */
  public Connection readConnection() throws SQLException {
    return readTarget().getConnection();
  }

  /** Whether a read now would go to the primary. */
  public boolean readsFromPrimary() {
    return readTarget() == primary;
  }

  private DataSource readTarget() {
    Scope scope = Scope.current();
    if (replicas.isEmpty() || (scope != null && wrote.containsKey(scope))) {
      return primary;
    }
    return replicas.get(Math.floorMod(next.getAndIncrement(), replicas.size()));
  }

  /** A DataSource view whose {@code getConnection()} is {@link #readConnection()}. */
  public DataSource forReads() {
    ReadWriteDataSource self = this;
    return new ForwardingDataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        return self.readConnection();
      }

      @Override
      DataSource delegate() {
        return self;
      }
    };
  }

  @Override
  DataSource delegate() {
    return primary;
  }
}
