package dev.hotpath.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** A child JVM for {@link OptionalMicrometerTest}: a pool and the inspector without Micrometer. */
public final class WithoutMicrometerWorkload {
  private WithoutMicrometerWorkload() {}

  public static void main(String[] args) throws Exception {
    try (Pool pool = Pools.create("plain", PoolConfig.builder("jdbc:h2:mem:plain;DB_CLOSE_DELAY=-1").maxOpen(2).build())) {
      QueryInspector inspector = QueryInspector.create(InspectorConfig.builder().listener(QueryListener.none()).build());
      try (Connection c = inspector.wrap(pool).getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select 41 + 1")) {
        rs.next();
        System.out.println("ANSWER " + rs.getInt(1));
      }
      System.out.println("DIGEST " + inspector.digest().totalCount());
    }
  }
}
