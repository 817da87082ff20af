package dev.hotpath.demo.internal;

import dev.hotpath.demo.DemoConfig;
import dev.hotpath.demo.shop.Fix;
import dev.hotpath.demo.shop.ShopData;
import dev.hotpath.demo.shop.ShopRequests;
import dev.hotpath.demo.shop.ShopServer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shop (the guide's e-commerce case) as a {@link SteppedService}: naive, then one {@link Fix}
 * more per step in the order the guide applies them, the last step being the optimized service.
 */
final class ShopService implements SteppedService {
  /** Requests in the load mix: enough that a run rarely repeats one (the cache step must earn its hits). */
  private static final int MIX = 20_000;

  @Override
  public String name() {
    return "shop";
  }

  @Override
  public String title() {
    return "Shop: the guide's e-commerce case (product listing API)";
  }

  @Override
  public String mainClass() {
    return ShopServer.class.getName();
  }

  @Override
  public String heap() {
    return "768m";
  }

  @Override
  public List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("naive", "naive", "the guide's before: no secondary index, N+1 loops, SELECT *, a new connection"
        + " per request, no cache, no compression"));
    for (Fix f : Fix.values()) {
      steps.add(new Step(f.token(), "+" + f.token(), fixText(f)));
    }
    return steps;
  }

  private static String fixText(Fix f) {
    return switch (f) {
      case INDEXES -> "secondary indexes chosen with ExplainAdvisor";
      case NO_N_PLUS_ONE -> "JOIN / IN instead of a query per row, only the columns used";
      case POOL -> "the hotpath-db Pool (HikariCP) instead of a new connection per request";
      case CACHE -> "TieredCache cache-aside (Caffeine, plus Redis when present), invalidated on writes";
      case COMPRESSION -> "the CompressionFilter (gzip): the optimized service";
    };
  }

  @Override
  public List<String> args(Step step, Backends.Database db, Optional<String> redis, DemoConfig config, int port) {
    List<String> tokens = new ArrayList<>();
    for (Fix f : Fix.values()) {
      tokens.add(f.token());
    }
    int upTo = tokens.indexOf(step.name()); // -1 for naive
    List<String> a = new ArrayList<>(List.of("--port", Integer.toString(port), "--jdbc-url", db.url()));
    if (!db.user().isEmpty()) {
      a.addAll(List.of("--jdbc-user", db.user()));
    }
    if (!db.password().isEmpty()) {
      a.addAll(List.of("--jdbc-password", db.password()));
    }
    a.addAll(List.of("--redis", redis.orElse("none"),
        "--fixes", upTo < 0 ? "none" : String.join(",", tokens.subList(0, upTo + 1)),
        "--seed", Long.toString(config.seed()), "--scale", Double.toString(config.scale())));
    return a;
  }

  @Override
  public Map<String, Long> seed(Backends.Database db, DemoConfig config, PrintWriter out) throws Exception {
    out.println("[shop] seeding (reused when the database already holds seed " + config.seed() + " at scale "
        + config.scale() + ")...");
    ShopData.SeedResult r = ShopData.ensureSeeded(db.url(), db.user().isEmpty() ? null : db.user(),
        db.password().isEmpty() ? null : db.password(), ShopData.DEFAULT_SCHEMA, config.seed(), config.scale());
    out.printf(Locale.ROOT, "[shop] data %s in %.1f s%n", r.reused() ? "reused" : "seeded", r.took().toMillis() / 1e3);
    Map<String, Long> sizes = new LinkedHashMap<>();
    sizes.put("categories", (long) r.sizes().categories());
    sizes.put("products", (long) r.sizes().products());
    sizes.put("customers", (long) r.sizes().customers());
    sizes.put("orders", (long) r.sizes().orders());
    sizes.put("order items", r.orderItems());
    sizes.put("reviews", (long) r.sizes().reviews());
    return sizes;
  }

  @Override
  public List<Request> loadMix(DemoConfig config) {
    return ShopRequests.mix(config.seed(), config.scale(), MIX).stream()
        .map(r -> new Request(r.endpoint(), r.method(), r.path(), r.body())).toList();
  }

  @Override
  public List<Request> verifyRequests(DemoConfig config) {
    return ShopRequests.verify(config.seed(), config.scale()).stream()
        .map(r -> new Request(r.endpoint(), r.method(), r.path(), r.body())).toList();
  }
}
