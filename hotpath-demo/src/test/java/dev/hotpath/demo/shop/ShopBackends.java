package dev.hotpath.demo.shop;

import dev.hotpath.testing.Services;
import java.net.URI;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;
import org.h2.tools.Server;
import org.jspecify.annotations.Nullable;

/**
 * The two databases the shop must work on, as the tests reach them: the real PostgreSQL on loopback
 * and H2 in PostgreSQL mode behind its TCP server (the embedded default's kind of engine: a socket
 * between service and database). Each run gets a schema of its own.
 */
final class ShopBackends {
  static final double SCALE = 0.02;
  static final long SEED = 42;

  private ShopBackends() {}

  /** One database: its JDBC URL, user and the run's schema. */
  record Backend(String name, String url, @Nullable String user, String schema, @Nullable Server h2) implements AutoCloseable {
    ShopOptions options(String fixes, @Nullable String redis) {
      List<String> args = new ArrayList<>(List.of("--port", "0", "--jdbc-url", url, "--redis",
          redis == null ? "none" : redis, "--fixes", fixes, "--seed", Long.toString(SEED),
          "--scale", Double.toString(SCALE), "--schema", schema));
      if (user != null) {
        args.add("--jdbc-user");
        args.add(user);
      }
      return ShopOptions.parse(args.toArray(String[]::new));
    }

    Connection connect() throws SQLException {
      return ShopData.connect(ShopData.withSchema(url, schema), user, null);
    }

    @Override
    public void close() throws SQLException {
      if (h2 != null) {
        h2.stop();
        return;
      }
      try (Connection c = ShopData.connect(url, user, null); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  static String uniqueSchema() {
    return ("shop_it_" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36)).toLowerCase(Locale.ROOT);
  }

  /** PostgreSQL (skips, or fails under HOTPATH_REQUIRE_SERVICES=1, when it is down). */
  static Backend postgres() {
    return new Backend("postgresql", Services.postgresUrl(), "postgres", uniqueSchema(), null);
  }

  /** A fresh H2 TCP server on a free port with an in-memory database in PostgreSQL mode. */
  static Backend h2() {
    try {
      Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
      String db = uniqueSchema();
      String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + db + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
      return new Backend("h2-tcp", url, "sa", "shop", server);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A request's outcome as the verify pass compares it: status and the decoded body. */
  record Answer(int status, String body) {}

  /**
   * Sends {@code r} (asking for gzip, so a compressing mode does compress) and decodes the body.
   * HttpURLConnection, not java.net.http: the module does not read java.net.http.
   */
  static Answer send(int port, ShopRequests.ShopRequest r) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + r.path()).toURL().openConnection();
      c.setRequestMethod(r.method());
      c.setRequestProperty("Accept-Encoding", "gzip");
      if (r.method().equals("POST")) {
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = c.getOutputStream()) {
          out.write(r.body().getBytes(StandardCharsets.UTF_8));
        }
      }
      int status = c.getResponseCode();
      byte[] body;
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        body = in == null ? new byte[0] : in.readAllBytes();
      }
      if ("gzip".equals(c.getHeaderField("Content-Encoding"))) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = in.readAllBytes();
        }
      }
      return new Answer(status, new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Answer get(int port, String path) {
    return send(port, new ShopRequests.ShopRequest("test", "GET", path, ""));
  }

  static Answer post(int port, String path, String body) {
    return send(port, new ShopRequests.ShopRequest("test", "POST", path, body));
  }

  static final Set<String> ALL_INDEXES = Set.of("ix_products_category_price", "ix_products_category_created",
      "ix_reviews_product", "ix_orders_customer", "ix_order_items_order");
}
