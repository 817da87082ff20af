package dev.hotpath.spring.sample;

import dev.hotpath.testing.Services;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application on a real server and a real PostgreSQL, in a schema of its own for the
 * run. Every test class that extends this one shares one application context.
 */
@ExtendWith(SampleAppTest.PostgresRequired.class) // before Spring's extension: skip, or fail in CI, without PostgreSQL
@SpringBootTest(
    classes = SampleApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.username=postgres",
      "spring.jpa.hibernate.ddl-auto=create",
      "spring.jpa.open-in-view=true",
      "management.endpoints.web.exposure.include=health,pprof,querydigest",
      "management.endpoint.pprof.access=read-only",
      "spring.security.user.name=ops",
      "spring.security.user.password=" + SampleAppTest.OPS_PASSWORD,
      "spring.security.user.roles=OPS",
      "hotpath.db.n-plus-one-threshold=3",
      "hotpath.profiling.max-duration=10s"
    })
public abstract class SampleAppTest {
  static final String OPS_PASSWORD = "ops-secret-for-tests";
  static final String SCHEMA = "hp_spring_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort
  protected int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws SQLException {
    String url = Services.postgresUrl();
    try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("create schema if not exists " + SCHEMA);
    }
    // The context outlives any one test class (Spring caches it for every class that extends this
    // one), so the schema goes when the JVM does, not after the first class.
    Runtime.getRuntime().addShutdownHook(new Thread(SampleAppTest::dropSchema, "drop-" + SCHEMA));
    registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
  }

  /** Drops the run's schema (the cached context's pool holds no locks between requests). */
  private static void dropSchema() {
    try (Connection c = DriverManager.getConnection(Services.postgresUrl(), "postgres", ""); Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + SCHEMA + " cascade");
    } catch (SQLException e) {
      System.err.println("could not drop schema " + SCHEMA + ": " + e.getMessage());
    }
  }

  protected HttpResponse<byte[]> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  protected HttpResponse<byte[]> getAsOps(String path) {
    String basic = Base64.getEncoder().encodeToString(("ops:" + OPS_PASSWORD).getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + basic).GET().build());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  protected static String body(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** Skips the class when PostgreSQL is down (fails under HOTPATH_REQUIRE_SERVICES=1). */
  static final class PostgresRequired implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      Services.postgresUrl();
    }
  }
}
