package dev.hotpath.db;

import dev.hotpath.testing.Services;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Databases hotpath_shard_0..n-1 in the shared PostgreSQL server, created when missing. */
final class PgShards {
  private PgShards() {}

  static String url(int shard) {
    String base = Services.postgresUrl();
    return base.substring(0, base.lastIndexOf('/') + 1) + "hotpath_shard_" + shard;
  }

  static List<Pool> create(int shards) throws SQLException {
    String base = Services.postgresUrl();
    try (Connection c = DriverManager.getConnection(base, "postgres", "");
        Statement s = c.createStatement()) {
      for (int i = 0; i < shards; i++) {
        try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
          ps.setString(1, "hotpath_shard_" + i);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              continue;
            }
          }
        }
        try {
          s.execute("create database hotpath_shard_" + i);
        } catch (SQLException e) {
          if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
            throw e; // another test run created it meanwhile: fine
          }
        }
      }
    }
    List<Pool> pools = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      pools.add(Pools.create("shard-" + i, PoolConfig.builder(url(i)).username("postgres")
          .maxOpen(3).maxIdle(1).connectionTimeout(Duration.ofSeconds(5)).build()));
    }
    return pools;
  }
}
