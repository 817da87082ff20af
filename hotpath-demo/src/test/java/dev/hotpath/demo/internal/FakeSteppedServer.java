package dev.hotpath.demo.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * A stand-in for a case-study service, run in a child JVM by the harness tests: speaks the shop's
 * contract (arguments, ready line, {@code /_demo/stats}) with costs that each fix lowers, so the
 * harness can be tested without the real shop. {@code --fixes} may hold {@code bug} (answers
 * differ), {@code crash} (exits before it is ready) or {@code silent} (never ready).
 */
public final class FakeSteppedServer {
  private FakeSteppedServer() {}

  static final AtomicLong REQUESTS = new AtomicLong();
  static final AtomicLong QUERIES = new AtomicLong();
  static final AtomicLong HITS = new AtomicLong();
  static final AtomicLong MISSES = new AtomicLong();
  static final AtomicLong BYTES = new AtomicLong();

  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    int port = Integer.parseInt(a.get(a.indexOf("--port") + 1));
    if (!a.contains("--jdbc-url") || !a.contains("--redis")) {
      System.err.println("missing --jdbc-url or --redis");
      System.exit(2);
    }
    List<String> fixes = Arrays.asList(a.get(a.indexOf("--fixes") + 1).split(",", -1));
    boolean all = fixes.contains("all");
    boolean indexes = all || fixes.contains("indexes");
    boolean noN1 = all || fixes.contains("no-n-plus-one");
    boolean cache = all || fixes.contains("cache");
    boolean compression = all || fixes.contains("compression");
    if (fixes.contains("crash")) {
      System.err.println("crashing on purpose");
      System.exit(1);
    }
    if (fixes.contains("silent")) {
      Thread.sleep(60_000);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/_demo/stats/reset", ex -> {
      REQUESTS.set(0);
      QUERIES.set(0);
      HITS.set(0);
      MISSES.set(0);
      BYTES.set(0);
      send(ex, 204, new byte[0], false);
    });
    server.createContext("/_demo/stats", ex -> {
      long r = REQUESTS.get();
      String json = String.format(Locale.ROOT,
          "{\"requests\":%d,\"queries\":%d,\"queriesPerRequest\":{\"items\":%.3f},\"cacheHits\":%d,\"cacheMisses\":%d,"
              + "\"cacheHitRatio\":%.4f,\"responseBytes\":%d}",
          r, QUERIES.get(), r == 0 ? 0.0 : (double) QUERIES.get() / r, HITS.get(), MISSES.get(),
          HITS.get() + MISSES.get() == 0 ? 0.0 : (double) HITS.get() / (HITS.get() + MISSES.get()), BYTES.get());
      send(ex, 200, json.getBytes(StandardCharsets.UTF_8), false);
    });
    server.createContext("/items/", ex -> {
      String id = ex.getRequestURI().getPath().substring("/items/".length());
      boolean hit = cache && Integer.parseInt(id) % 10 != 0;
      if (cache) {
        (hit ? HITS : MISSES).incrementAndGet();
      }
      int queries = hit ? 0 : noN1 ? 2 : 11;
      QUERIES.addAndGet(queries);
      sleepMicros((long) queries * (indexes ? 100 : 1_000));
      String body = "{\"id\":" + id + ",\"name\":\"item " + id + "\",\"text\":\"" + "lorem ipsum ".repeat(100)
          + (fixes.contains("bug") ? "changed" : "") + "\"}";
      REQUESTS.incrementAndGet();
      boolean gzip = compression && String.valueOf(ex.getRequestHeaders().getFirst("Accept-Encoding")).contains("gzip");
      send(ex, 200, body.getBytes(StandardCharsets.UTF_8), gzip);
    });
    server.start();
    System.out.println("fake service listening");
    System.out.println(ReadyLine.of(server.getAddress().getPort()));
    System.out.flush();
    while (System.in.read() >= 0) {
      // until the harness closes stdin
    }
    server.stop(0);
    System.exit(0);
  }

  private static void sleepMicros(long micros) {
    try {
      Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange ex, int status, byte[] body, boolean gzip) throws IOException {
    byte[] out = body;
    if (gzip) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(b)) {
        z.write(body);
      }
      out = b.toByteArray();
      ex.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("Server-Timing", "db;dur=1.5, app;dur=2");
    if (ex.getRequestURI().getPath().startsWith("/items/")) {
      BYTES.addAndGet(out.length);
    }
    ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(out);
    }
  }
}
