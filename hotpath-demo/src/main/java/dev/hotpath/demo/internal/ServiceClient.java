package dev.hotpath.demo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Plain requests to a case-study service: its {@code /_demo/stats} and the verify pass's bodies. */
final class ServiceClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final String base;

  ServiceClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /**
   * What a service counted since its last reset.
   *
   * @param queriesPerRequest by endpoint
   */
  record Stats(long requests, long queries, Map<String, Double> queriesPerRequest, long cacheHits, long cacheMisses,
      double cacheHitRatio, long responseBytes, String raw) {
    double overallQueriesPerRequest() {
      return requests == 0 ? 0 : (double) queries / requests;
    }

    double bytesPerRequest() {
      return requests == 0 ? 0 : (double) responseBytes / requests;
    }
  }

  Stats stats() {
    Response r = get("/_demo/stats", false);
    if (r.status() != 200) {
      throw new IllegalStateException("GET /_demo/stats answered " + r.status());
    }
    try {
      JsonNode n = JSON.readTree(r.body());
      Map<String, Double> qpr = new LinkedHashMap<>();
      JsonNode byEndpoint = n.path("queriesPerRequest");
      byEndpoint.fieldNames().forEachRemaining(f -> qpr.put(f, byEndpoint.path(f).asDouble()));
      long hits = n.path("cacheHits").asLong();
      long misses = n.path("cacheMisses").asLong();
      double ratio = n.has("cacheHitRatio") ? n.path("cacheHitRatio").asDouble()
          : hits + misses == 0 ? 0 : (double) hits / (hits + misses);
      return new Stats(n.path("requests").asLong(), n.path("queries").asLong(), qpr, hits, misses, ratio,
          n.path("responseBytes").asLong(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("GET /_demo/stats: not JSON", e);
    }
  }

  void resetStats() {
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/_demo/stats/reset"))
          .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException("POST /_demo/stats/reset answered " + r.statusCode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("POST /_demo/stats/reset failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A response: status, body (decompressed) and whether it came compressed. */
  @SuppressWarnings("ArrayRecordComponent") // compared with Arrays.mismatch, never with equals
  record Response(int status, byte[] body, String encoding) {}

  /** GET {@code path}, asking for gzip when {@code gzip}; the body is returned decompressed. */
  Response get(String path, boolean gzip) {
    return send(new SteppedService.Request("", "GET", path, ""), gzip);
  }

  /** Sends {@code r}, asking for gzip when {@code gzip}; the body is returned decompressed. */
  Response send(SteppedService.Request r0, boolean gzip) {
    String path = r0.path();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(r0.method(), r0.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(r0.body()));
    if (!r0.body().isEmpty()) {
      b.header("Content-Type", "application/json");
    }
    if (gzip) {
      b.header("Accept-Encoding", "gzip");
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      String enc = r.headers().firstValue("Content-Encoding").orElse("identity");
      byte[] body = r.body();
      if (enc.equalsIgnoreCase("gzip")) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = in.readAllBytes();
        }
      } else if (!enc.equalsIgnoreCase("identity")) {
        throw new IllegalStateException(r0.method() + " " + path + ": Content-Encoding " + enc + " was not asked for");
      }
      return new Response(r.statusCode(), body, enc);
    } catch (IOException e) {
      throw new UncheckedIOException(r0.method() + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
