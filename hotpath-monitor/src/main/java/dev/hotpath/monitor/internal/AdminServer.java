package dev.hotpath.monitor.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hotpath.monitor.JvmDiagnostics;
import dev.hotpath.monitor.Profile;
import dev.hotpath.monitor.ProfileEvent;
import dev.hotpath.monitor.ProfileFormat;
import dev.hotpath.monitor.Profiler;
import dev.hotpath.monitor.ProfilerBusyException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The admin endpoints on their own port, following Go's net/http/pprof URL contract. Profiles and
 * dumps require the bearer token when one is set; {@code /metrics} and {@code /health} do not.
 */
public final class AdminServer implements AutoCloseable {
  private static final int DEFAULT_SECONDS = 30;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Profiler profiler;
  private final byte @Nullable [] token;

  public AdminServer(
      String host, int port, @Nullable String bearerToken, Profiler profiler, Supplier<String> metrics)
      throws IOException {
    this.profiler = profiler;
    this.token = bearerToken == null ? null : bearerToken.getBytes(StandardCharsets.UTF_8);
    this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/debug/pprof", this::pprof);
    server.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
    server.createContext("/health", ex -> send(ex, 200, "application/json", "{\"status\":\"UP\"}\n"));
    server.start();
  }

  /** Where the server listens. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void pprof(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String name = path.length() <= "/debug/pprof/".length() ? "" : path.substring("/debug/pprof/".length());
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        send(ex, 405, "text/plain", "use GET\n");
        return;
      }
      if (!name.isEmpty() && !authorized(ex)) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        send(ex, 401, "text/plain", "profiles and dumps need 'Authorization: Bearer <token>'\n");
        return;
      }
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      switch (name) {
        case "" -> send(ex, 200, "text/html; charset=utf-8", index());
        case "profile" -> profile(ex, ProfileEvent.CPU, q);
        case "wall" -> profile(ex, ProfileEvent.WALL, q);
        case "allocs" -> profile(ex, ProfileEvent.ALLOC, q);
        case "lock", "mutex", "block" -> profile(ex, ProfileEvent.LOCK, q);
        case "heap" -> heap(ex, q);
        case "threads", "goroutine" -> send(ex, 200, "text/plain; charset=utf-8", JvmDiagnostics.threadDump());
        default -> send(ex, 404, "text/plain", "unknown profile '" + name + "'; see /debug/pprof/\n");
      }
    } catch (RuntimeException e) {
      send(ex, 500, "text/plain", "failed: " + e.getMessage() + "\n");
    }
  }

  /** RFC 7235: the scheme is case-insensitive, the token is compared exactly and in constant time. */
  private boolean authorized(HttpExchange ex) {
    byte[] t = token;
    if (t == null) {
      return true;
    }
    String given = ex.getRequestHeaders().getFirst("Authorization");
    if (given == null) {
      return false;
    }
    String credentials = given.strip();
    int space = credentials.indexOf(' ');
    if (space < 0 || !credentials.substring(0, space).equalsIgnoreCase("Bearer")) {
      return false;
    }
    byte[] offered = credentials.substring(space + 1).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(t, offered);
  }

  private void profile(HttpExchange ex, ProfileEvent event, Map<String, String> q) throws IOException {
    ProfileFormat format;
    try {
      format = ProfileFormat.parse(q.getOrDefault("format", "pprof"));
    } catch (IllegalArgumentException e) {
      send(ex, 400, "text/plain", e.getMessage() + "\n");
      return;
    }
    long max = profiler.maxDuration().toSeconds();
    String raw = q.getOrDefault("seconds", Long.toString(Math.min(DEFAULT_SECONDS, max)));
    long seconds;
    try {
      seconds = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      seconds = 0; // reported below like any value out of range
    }
    if (seconds < 1 || seconds > max) {
      send(ex, 400, "text/plain", "seconds must be a whole number within [1, " + max + "], was '" + raw + "'\n");
      return;
    }
    Profile p;
    try {
      p = profiler.profile(event, Duration.ofSeconds(seconds), format == ProfileFormat.JFR);
    } catch (ProfilerBusyException e) {
      send(ex, 409, "text/plain", e.getMessage() + "\n");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      send(ex, 503, "text/plain", "interrupted\n");
      return;
    }
    byte[] body = p.toBytes(format);
    ex.getResponseHeaders().set("Content-Type", format.contentType());
    ex.getResponseHeaders().set("X-Profile-Engine", p.engine());
    ex.getResponseHeaders()
        .set("Content-Disposition", "attachment; filename=\"" + event.name().toLowerCase(java.util.Locale.ROOT) + "." + format.extension() + "\"");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private void heap(HttpExchange ex, Map<String, String> q) throws IOException {
    if (!"1".equals(q.get("dump"))) {
      send(ex, 200, "text/plain; charset=utf-8", JvmDiagnostics.classHistogram(!"1".equals(q.get("gc"))));
      return;
    }
    Path dir = Files.createTempDirectory("hotpath-heap");
    Path file = dir.resolve("heap.hprof");
    try {
      JvmDiagnostics.heapDump(file, true);
      ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
      ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"heap.hprof\"");
      ex.sendResponseHeaders(200, Files.size(file));
      try (OutputStream out = ex.getResponseBody()) {
        Files.copy(file, out);
      }
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private static String index() {
    return """
        <html><head><title>/debug/pprof/</title></head><body>
        <h1>/debug/pprof/</h1>
        <p>Append <code>?seconds=N</code> to profiles and <code>&amp;format=flamegraph|collapsed|jfr|pprof</code>
        (default pprof, for <code>go tool pprof</code>).</p>
        <table>
        <tr><td><a href="profile?seconds=30&amp;format=flamegraph">profile</a></td><td>CPU profile</td></tr>
        <tr><td><a href="wall?seconds=30&amp;format=flamegraph">wall</a></td><td>wall-clock profile of all threads</td></tr>
        <tr><td><a href="allocs?seconds=30&amp;format=flamegraph">allocs</a></td><td>allocation profile (bytes)</td></tr>
        <tr><td><a href="lock?seconds=30&amp;format=flamegraph">lock</a></td><td>lock contention profile (time waited)</td></tr>
        <tr><td><a href="heap">heap</a></td><td>class histogram (<code>?dump=1</code>: hprof heap dump of live objects)</td></tr>
        <tr><td><a href="threads">threads</a></td><td>thread dump with locks</td></tr>
        </table>
        <p><a href="/metrics">/metrics</a> (Prometheus) &middot; <a href="/health">/health</a></p>
        </body></html>
        """;
  }

  private static Map<String, String> query(@Nullable String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&", -1)) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
