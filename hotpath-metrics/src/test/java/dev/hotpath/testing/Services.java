package dev.hotpath.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real services integration tests run against (../shared/SERVICES.md): the address comes
 * from an environment variable with a loopback default. An unreachable service skips the test with
 * a message naming it, unless {@code HOTPATH_REQUIRE_SERVICES=1} (set by .ci/run), where it fails.
 *
 * <p>Shared with every module through hotpath-metrics' test-jar.
 */
public final class Services {
  /** PostgreSQL JDBC URL; user {@code postgres}, trust auth. */
  public static final String POSTGRES_ENV = "HOTPATH_PG_URL";
  /** MariaDB JDBC URL; user {@code root}, empty password. */
  public static final String MARIADB_ENV = "HOTPATH_MARIADB_URL";
  /** Redis URI. */
  public static final String REDIS_ENV = "HOTPATH_REDIS_URI";

  private Services() {}

  /** The PostgreSQL JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}. */
  public static String postgresUrl() {
    return require("PostgreSQL", POSTGRES_ENV, "jdbc:postgresql://127.0.0.1:5432/test");
  }

  /** The MariaDB JDBC URL, e.g. {@code jdbc:mariadb://127.0.0.1:3306/test}. */
  public static String mariadbUrl() {
    return require("MariaDB", MARIADB_ENV, "jdbc:mariadb://127.0.0.1:3306/test");
  }

  /** The Redis URI, e.g. {@code redis://127.0.0.1:6379}. */
  public static String redisUri() {
    return require("Redis", REDIS_ENV, "redis://127.0.0.1:6379");
  }

  /** Whether a missing service fails the test instead of skipping it. */
  public static boolean required() {
    return "1".equals(System.getenv("HOTPATH_REQUIRE_SERVICES"))
        || "1".equals(System.getProperty("hotpath.require.services"));
  }

  /**
   * Returns the address in {@code envVar} (or {@code defaultAddress}) after checking that a TCP
   * connection to it succeeds; otherwise skips (or fails when services are required).
   */
  public static String require(String service, String envVar, String defaultAddress) {
    String address = System.getenv(envVar);
    if (address == null || address.isBlank()) {
      address = defaultAddress;
    }
    URI uri = URI.create(address.startsWith("jdbc:") ? address.substring(5) : address);
    String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
    int port = uri.getPort();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 2_000);
    } catch (IOException e) {
      String msg =
          service + " is not reachable at " + host + ":" + port + " (" + e.getMessage() + "); set "
              + envVar + " or start it (see ../shared/SERVICES.md)";
      if (required()) {
        Assertions.fail(msg + " [HOTPATH_REQUIRE_SERVICES=1]");
      }
      Assumptions.abort(msg);
    }
    return address;
  }

  /** A free TCP port on loopback, for a throwaway server a fault test starts and kills. */
  public static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
