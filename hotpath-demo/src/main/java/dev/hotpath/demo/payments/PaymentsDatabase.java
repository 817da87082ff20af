package dev.hotpath.demo.payments;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.h2.tools.Server;
import org.jspecify.annotations.Nullable;

/**
 * The database the three instances share: PostgreSQL on loopback when it answers ({@code auto}), a
 * JDBC URL given by the user, or else an embedded H2 started in this process and reached over TCP, so
 * each instance's round trip is a real socket round trip. Each mode gets a schema of its own with a
 * random name, dropped at the end, so runs and tests never collide.
 */
final class PaymentsDatabase implements AutoCloseable {
  private final String baseUrl;
  private final @Nullable String user;
  private final @Nullable Server h2;
  private final String description;

  private PaymentsDatabase(String baseUrl, @Nullable String user, @Nullable Server h2, String description) {
    this.baseUrl = baseUrl;
    this.user = user;
    this.h2 = h2;
    this.description = description;
  }

  /** {@code auto}, {@code embedded} or a {@code jdbc:postgresql:} URL (user {@code postgres} unless the URL says). */
  static PaymentsDatabase open(String spec) throws SQLException {
    if ("auto".equals(spec) && answers("127.0.0.1", 5432)) {
      return new PaymentsDatabase("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null, "PostgreSQL 127.0.0.1:5432");
    }
    if ("auto".equals(spec) || "embedded".equals(spec)) {
      Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start(); // port 0: the OS picks a free one
      return new PaymentsDatabase("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:payments;DB_CLOSE_DELAY=-1", "sa", server,
          "embedded H2 over TCP (PostgreSQL did not answer on 127.0.0.1:5432)");
    }
    if (!spec.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("--db must be auto, embedded or a jdbc:postgresql: URL, was " + spec);
    }
    try (Connection c = DriverManager.getConnection(spec, "postgres", "")) {
      return new PaymentsDatabase(spec, "postgres", null, "PostgreSQL " + c.getMetaData().getURL());
    }
  }

  private static boolean answers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** What the report says about the database. */
  String description() {
    return description;
  }

  /** The user instances connect as. */
  @Nullable String user() {
    return user;
  }

  /** Creates a fresh schema with the payments tables; returns its name. */
  String createSchema(String prefix) throws SQLException {
    String schema = (prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16)).toLowerCase(Locale.ROOT);
    try (Connection c = connect(null); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + quoted(schema));
    }
    try (Connection c = connect(schema)) {
      PaymentStore.createTables(c);
    }
    return schema;
  }

  /** The JDBC URL of {@code schema} for the instances. */
  String url(String schema) {
    return h2 != null ? baseUrl + ";SCHEMA=" + quoted(schema) : baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static String quoted(String schema) {
    return schema; // unquoted: both databases fold it the same way in DDL and in the URL
  }

  /** A connection to {@code schema} (or the default schema when null). */
  Connection connect(@Nullable String schema) throws SQLException {
    return DriverManager.getConnection(schema == null ? baseUrl : url(schema), user, "");
  }

  /** Drops {@code schema} and everything in it. */
  void dropSchema(String schema) {
    try (Connection c = connect(null); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + quoted(schema) + " CASCADE");
    } catch (SQLException e) {
      // best effort: a leftover schema has a random name and harms nobody
    }
  }

  @Override
  public void close() {
    Server server = h2;
    if (server != null) {
      server.stop();
    }
  }
}
