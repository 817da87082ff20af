package dev.hotpath.demo.shop;

import static dev.hotpath.demo.shop.ShopBackends.get;
import static dev.hotpath.demo.shop.ShopBackends.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.demo.shop.ShopBackends.Answer;
import dev.hotpath.demo.shop.ShopBackends.Backend;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shop service on real databases (PostgreSQL, H2 over TCP): every mode answers the verify list
 * byte for byte like the naive one, the fixes cut listing queries by 90% or more, indexes follow
 * the fix, writes invalidate the cache, and seeding is reused.
 */
class ShopServiceIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Supplier<Backend>> backends() {
    return Stream.of(named("postgresql", ShopBackends::postgres), named("h2-tcp", ShopBackends::h2));
  }

  private static Supplier<Backend> named(String name, Supplier<Backend> s) {
    return new Supplier<>() {
      @Override
      public Backend get() {
        return s.get();
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  private static List<Answer> run(Backend b, String fixes, List<ShopRequests.ShopRequest> requests) throws Exception {
    try (ShopServer server = ShopServer.start(b.options(fixes, null))) {
      List<Answer> out = new ArrayList<>();
      for (ShopRequests.ShopRequest r : requests) {
        out.add(ShopBackends.send(server.port(), r));
      }
      return out;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void everyModeAnswersTheVerifyListLikeTheNaiveOne(Supplier<Backend> backend) throws Exception {
    try (Backend b = backend.get()) {
      List<ShopRequests.ShopRequest> verify = ShopRequests.verify(ShopBackends.SEED, ShopBackends.SCALE);
      List<Answer> naive = run(b, "none", verify);
      // The list really exercises the shop: every endpoint, successes and errors.
      assertThat(naive).extracting(Answer::status).contains(200, 400, 404);
      assertThat(naive.stream().filter(a -> a.status() == 200).count()).isGreaterThan(verify.size() / 2);
      assertThat(verify).extracting(ShopRequests.ShopRequest::endpoint)
          .containsAll(ShopRequests.weights().keySet());
      List<String> modes = new ArrayList<>();
      for (Fix f : Fix.values()) {
        modes.add(f.token());
      }
      modes.add("all");
      for (String mode : modes) {
        List<Answer> answers = run(b, mode, verify);
        for (int i = 0; i < verify.size(); i++) {
          assertThat(answers.get(i))
              .as("%s %s with --fixes %s on %s", verify.get(i).method(), verify.get(i).path(), mode, b.name())
              .isEqualTo(naive.get(i));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void fixesCutListingQueriesByNinetyPercent(Supplier<Backend> backend) throws Exception {
    try (Backend b = backend.get()) {
      List<ShopRequests.ShopRequest> listings = ShopRequests.mix(ShopBackends.SEED, ShopBackends.SCALE, 600).stream()
          .filter(r -> r.endpoint().equals(ShopRequests.LISTING)).toList();
      double naive = listingQueriesPerRequest(b, "none", listings);
      double joined = listingQueriesPerRequest(b, "no-n-plus-one", listings);
      double optimized = listingQueriesPerRequest(b, "all", listings);
      System.out.printf("%s: listing queries per request naive %.2f, no-n-plus-one %.2f, all %.2f%n",
          b.name(), naive, joined, optimized);
      assertThat(naive).isGreaterThan(10);
      assertThat(joined).isLessThanOrEqualTo(naive * 0.1);
      assertThat(optimized).isLessThan(joined); // the cache answers repeats without the database
    }
  }

  private static double listingQueriesPerRequest(Backend b, String fixes, List<ShopRequests.ShopRequest> listings)
      throws Exception {
    try (ShopServer server = ShopServer.start(b.options(fixes, null))) {
      post(server.port(), "/_demo/stats/reset", "");
      for (ShopRequests.ShopRequest r : listings) {
        assertThat(ShopBackends.send(server.port(), r).status()).isEqualTo(200);
      }
      JsonNode stats = JSON.readTree(get(server.port(), "/_demo/stats").body());
      assertThat(stats.path("requestsByEndpoint").path(ShopRequests.LISTING).asLong()).isEqualTo(listings.size());
      assertThat(stats.path("queries").asLong()).isPositive();
      return stats.path("queriesPerRequest").path(ShopRequests.LISTING).asDouble();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void indexesExistExactlyWhenTheFixIsOn(Supplier<Backend> backend) throws Exception {
    try (Backend b = backend.get()) {
      try (ShopServer server = ShopServer.start(b.options("indexes", null)); Connection c = b.connect()) {
        assertThat(server.port()).isPositive();
        assertThat(ShopData.presentIndexes(c, b.schema())).containsExactlyInAnyOrderElementsOf(ShopBackends.ALL_INDEXES);
      }
      try (ShopServer server = ShopServer.start(b.options("no-n-plus-one,pool,cache,compression", null));
          Connection c = b.connect()) {
        assertThat(server.port()).isPositive();
        assertThat(ShopData.presentIndexes(c, b.schema())).isEmpty();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void aReviewInvalidatesTheCachedDetailAndListing(Supplier<Backend> backend) throws Exception {
    try (Backend b = backend.get()) {
      invalidation(b, null);
    }
  }

  @Test
  void aReviewInvalidatesWithRedisAsTheSecondLevel() throws Exception {
    String redis = dev.hotpath.testing.Services.redisUri();
    try (Backend b = ShopBackends.postgres()) {
      invalidation(b, redis);
    }
  }

  private static void invalidation(Backend b, @Nullable String redis) throws Exception {
    try (ShopServer server = ShopServer.start(b.options("all", redis))) {
      int port = server.port();
      long product = 7;
      int category = ShopData.categoryOf(ShopBackends.SEED, ShopBackends.SCALE, (int) product);
      JsonNode before = JSON.readTree(get(port, "/products/" + product).body());
      String listingPath = pageWith(port, category, product);
      JsonNode listedBefore = card(JSON.readTree(get(port, listingPath).body()), product);
      // Cached now: a repeat costs no query.
      post(port, "/_demo/stats/reset", "");
      get(port, "/products/" + product);
      get(port, listingPath);
      JsonNode stats = JSON.readTree(get(port, "/_demo/stats").body());
      assertThat(stats.path("queries").asLong()).isZero();
      assertThat(stats.path("cacheHits").asLong()).isEqualTo(2);

      long customer = 3; // replaces customer 3's review if there is one, else adds one
      Answer write = post(port, "/products/" + product + "/reviews",
          "{\"customerId\":" + customer + ",\"rating\":1,\"title\":\"Broke\",\"body\":\"Broke on day two.\"}");
      assertThat(write.status()).isEqualTo(200);
      JsonNode written = JSON.readTree(write.body()).path("reviewSummary");

      JsonNode after = JSON.readTree(get(port, "/products/" + product).body());
      assertThat(after.path("reviewSummary")).isEqualTo(written);
      assertThat(after.path("reviewSummary")).isNotEqualTo(before.path("reviewSummary"));
      assertThat(card(JSON.readTree(get(port, listingPath).body()), product).path("reviews")).isEqualTo(written);
      assertThat(listedBefore.path("reviews")).isEqualTo(before.path("reviewSummary"));
    }
  }

  /** A price-sorted listing page of {@code category} that shows {@code product}. */
  private static String pageWith(int port, int category, long product) throws Exception {
    for (int page = 1; page < 100; page++) {
      String path = "/products?category=" + category + "&sort=price&page=" + page + "&size=20";
      JsonNode listing = JSON.readTree(get(port, path).body());
      if (!card(listing, product).isMissingNode()) {
        return path;
      }
      if (listing.path("nextPage").isNull()) {
        break;
      }
    }
    throw new AssertionError("product " + product + " is on no page of category " + category);
  }

  private static JsonNode card(JsonNode listing, long product) {
    for (JsonNode p : listing.path("products")) {
      if (p.path("id").asLong() == product) {
        return p;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void seedingIsReusedWhenSeedAndScaleMatch(Supplier<Backend> backend) throws Exception {
    try (Backend b = backend.get()) {
      ShopData.SeedResult first = ShopData.ensureSeeded(b.url(), b.user(), null, b.schema(), 42, ShopBackends.SCALE);
      ShopData.SeedResult again = ShopData.ensureSeeded(b.url(), b.user(), null, b.schema(), 42, ShopBackends.SCALE);
      ShopData.SeedResult other = ShopData.ensureSeeded(b.url(), b.user(), null, b.schema(), 7, ShopBackends.SCALE);
      System.out.printf("%s: seeded scale %s in %d ms, reuse check %d ms%n", b.name(), ShopBackends.SCALE,
          first.took().toMillis(), again.took().toMillis());
      assertThat(first.reused()).isFalse();
      assertThat(again.reused()).isTrue();
      assertThat(again.orderItems()).isEqualTo(first.orderItems());
      assertThat(other.reused()).isFalse();
      try (Connection c = b.connect(); var s = c.createStatement();
          var rs = s.executeQuery("SELECT COUNT(*) FROM products")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(ShopData.Sizes.of(ShopBackends.SCALE).products());
      }
    }
  }

  @Test
  void concurrentSeedingOfOneSchemaTakesTurns() throws Exception {
    try (Backend b = ShopBackends.postgres()) {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
      try {
        List<java.util.concurrent.Future<ShopData.SeedResult>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          results.add(pool.submit(() -> ShopData.ensureSeeded(b.url(), b.user(), null, b.schema(), 42, ShopBackends.SCALE)));
        }
        long seeded = 0;
        for (var f : results) {
          seeded += f.get().reused() ? 0 : 1;
        }
        assertThat(seeded).as("exactly one caller seeds, the others wait and reuse").isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
      try (Connection c = b.connect(); var s = c.createStatement();
          var rs = s.executeQuery("SELECT COUNT(*) FROM reviews")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(ShopData.Sizes.of(ShopBackends.SCALE).reviews());
      }
    }
  }
}
