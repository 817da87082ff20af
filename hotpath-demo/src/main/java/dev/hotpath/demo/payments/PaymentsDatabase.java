package dev.hotpath.demo.payments;

import dev.hotpath.demo.DemoException;
import dev.hotpath.demo.internal.Backends;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database the three instances share, as the harness chose it ({@link Backends#database(String)}:
 * PostgreSQL on loopback when it answers, else the embedded PostgreSQL, or H2 over TCP with {@code
 * --db h2}). Each mode gets a schema of its own with a random name, dropped at the end, so runs and
 * tests never collide and both modes start from empty tables.
 */
final class PaymentsDatabase {
  private final String baseUrl;
  private final String user;
  private final String password;
  private final boolean h2;
  private final String description;

  private PaymentsDatabase(String baseUrl, String user, String password, boolean h2, String description) {
    this.baseUrl = baseUrl;
    this.user = user;
    this.password = password;
    this.h2 = h2;
    this.description = description;
  }

  /**
   * The payments database on {@code db}.
   *
   * @throws DemoException (bad input) when {@code db} is neither PostgreSQL nor H2: the schema-per-mode
   *     URLs are written for those two
   */
  static PaymentsDatabase of(Backends.Database db) {
    boolean h2 = db.url().startsWith("jdbc:h2:");
    if (!h2 && !db.url().startsWith("jdbc:postgresql:")) {
      throw new DemoException(DemoException.BAD_INPUT, "the payments case runs on PostgreSQL or H2, not "
          + db.description() + "; use --db auto, embedded, h2 or a jdbc:postgresql: URL");
    }
    return new PaymentsDatabase(db.url(), db.user(), db.password(), h2, db.description() + (db.real() ? "" : " (stand-in)"));
  }

  /** What the report says about the database. */
  String description() {
    return description;
  }

  /** The arguments that give an instance this database's {@code schema}. */
  List<String> instanceArgs(String schema) {
    List<String> args = new ArrayList<>(List.of("--db", url(schema)));
    if (!user.isEmpty()) {
      args.addAll(List.of("--db-user", user, "--db-password", password));
    }
    return args;
  }

  /** Creates a fresh schema with the payments tables; returns its name. */
  String createSchema(String prefix) throws SQLException {
    String schema = (prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16)).toLowerCase(Locale.ROOT);
    try (Connection c = connect(baseUrl); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    try (Connection c = connect(schema)) {
      PaymentStore.createTables(c);
    }
    return schema;
  }

  /** The JDBC URL of {@code schema} (unquoted: both engines fold it as they fold it in DDL). */
  private String url(String schema) {
    return h2 ? baseUrl + ";SCHEMA=" + schema : baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** A connection to {@code schema}. */
  Connection connect(String schema) throws SQLException {
    String url = schema.startsWith("jdbc:") ? schema : url(schema);
    return user.isEmpty() ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
  }

  /** Drops {@code schema} and everything in it. */
  void dropSchema(String schema) {
    try (Connection c = connect(baseUrl); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    } catch (SQLException e) {
      // best effort: a leftover schema has a random name and harms nobody
    }
  }
}
