package dev.hotpath.demo.shop;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hotpath.db.QueryInspector;
import dev.hotpath.db.QueryStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /_demo/stats} reports since start or the last reset: requests and database
 * queries per endpoint (each request's query count is the {@code db} count the query inspector
 * added to its scope), the inspector's digest, cache hits and misses, and the response bytes that
 * went on the wire (after compression). Thread-safe; a reset racing requests may split one of them.
 */
final class ShopStats {
  /** The shop's endpoints, named as their URI templates. */
  enum Endpoint {
    LISTING("GET /products"),
    PRODUCT("GET /products/{id}"),
    ORDERS("GET /customers/{id}/orders"),
    TOP_CATEGORIES("GET /categories/top"),
    REVIEW("POST /products/{id}/reviews");

    final String label;

    Endpoint(String label) {
      this.label = label;
    }

    String template() {
      return label.substring(label.indexOf(' ') + 1);
    }
  }

  private static final JsonFactory JSON = new JsonFactory();

  private final Map<Endpoint, LongAdder> requests = adders();
  private final Map<Endpoint, LongAdder> queries = adders();
  private final LongAdder responseBytes = new LongAdder();
  private final QueryInspector inspector;
  private final @Nullable ShopCache cache;
  private final String fixes;
  private volatile long hitsBase;
  private volatile long missesBase;

  ShopStats(QueryInspector inspector, @Nullable ShopCache cache, String fixes) {
    this.inspector = inspector;
    this.cache = cache;
    this.fixes = fixes;
  }

  private static Map<Endpoint, LongAdder> adders() {
    Map<Endpoint, LongAdder> m = new EnumMap<>(Endpoint.class);
    for (Endpoint e : Endpoint.values()) {
      m.put(e, new LongAdder());
    }
    return m;
  }

  private static LongAdder of(Map<Endpoint, LongAdder> m, Endpoint e) {
    return Objects.requireNonNull(m.get(e), "every endpoint has an adder");
  }

  void request(Endpoint e, long queryCount) {
    of(requests, e).increment();
    of(queries, e).add(queryCount);
  }

  void responseBytes(long n) {
    responseBytes.add(n);
  }

  void reset() {
    requests.values().forEach(LongAdder::reset);
    queries.values().forEach(LongAdder::reset);
    responseBytes.reset();
    inspector.reset();
    if (cache != null) {
      hitsBase = cache.hits();
      missesBase = cache.misses();
    }
  }

  byte[] toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      long total = 0;
      for (LongAdder a : requests.values()) {
        total += a.sum();
      }
      long hits = cache == null ? 0 : cache.hits() - hitsBase;
      long misses = cache == null ? 0 : cache.misses() - missesBase;
      List<QueryStats> digest = inspector.digest().queries().stream()
          .sorted(Comparator.comparingLong(QueryStats::count).reversed()).toList();
      g.writeStartObject();
      g.writeStringField("fixes", fixes);
      g.writeNumberField("requests", total);
      g.writeNumberField("queries", digest.stream().mapToLong(QueryStats::count).sum());
      g.writeObjectFieldStart("requestsByEndpoint");
      for (Endpoint e : Endpoint.values()) {
        g.writeNumberField(e.label, of(requests, e).sum());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("queriesPerRequest");
      for (Endpoint e : Endpoint.values()) {
        long n = of(requests, e).sum();
        if (n > 0) {
          g.writeFieldName(e.label);
          g.writeNumber(ratio(of(queries, e).sum(), n, 3));
        }
      }
      g.writeEndObject();
      g.writeNumberField("cacheHits", hits);
      g.writeNumberField("cacheMisses", misses);
      g.writeFieldName("cacheHitRatio");
      g.writeNumber(ratio(hits, hits + misses, 4));
      g.writeNumberField("responseBytes", responseBytes.sum());
      g.writeArrayFieldStart("digest");
      for (QueryStats q : digest.subList(0, Math.min(20, digest.size()))) {
        g.writeStartObject();
        g.writeStringField("fingerprint", q.fingerprint());
        g.writeNumberField("count", q.count());
        g.writeNumberField("totalMillis", q.totalNanos() / 1_000_000);
        g.writeNumberField("p95Micros", q.p95Nanos() / 1_000);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static BigDecimal ratio(long a, long b, int scale) {
    return b == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), scale, RoundingMode.HALF_UP);
  }
}
