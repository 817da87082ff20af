package dev.hotpath.demo.shop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What the demo sends to the shop: a deterministic weighted mix for the load, and a verify list
 * that touches every endpoint (and its errors) so the modes' answers can be compared byte for byte.
 *
 * <p>The mix, per 100 requests: 55 listings (25 by price, 18 newest, 12 by rating; mostly the first
 * pages), 28 product details (skewed to popular products, as the seeded orders and reviews are), 12
 * customers' orders, 3 top-categories and 2 review writes (which invalidate cached pages).
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * for (ShopRequests.ShopRequest r : ShopRequests.verify(42, 0.1)) { ... compare naive and optimized ... }
 * List<ShopRequests.ShopRequest> load = ShopRequests.mix(42, 0.1, 10_000);
 * }</pre>
 */
public final class ShopRequests {
  /** The endpoints' names, as the server's stats report them. */
  public static final String LISTING = ShopStats.Endpoint.LISTING.label;
  public static final String PRODUCT = ShopStats.Endpoint.PRODUCT.label;
  public static final String ORDERS = ShopStats.Endpoint.ORDERS.label;
  public static final String TOP_CATEGORIES = ShopStats.Endpoint.TOP_CATEGORIES.label;
  public static final String REVIEW = ShopStats.Endpoint.REVIEW.label;

  private static final int[] WEIGHTS = {25, 18, 12, 28, 12, 3, 2}; // price, newest, rating, detail, orders, top, review

  private ShopRequests() {}

  /**
   * One request.
   *
   * @param endpoint the endpoint's name ({@link #LISTING}, ...)
   * @param method {@code GET} or {@code POST}
   * @param path the path and query, starting with {@code /}
   * @param body the JSON body of a POST, empty for a GET
   */
  public record ShopRequest(String endpoint, String method, String path, String body) {
    public ShopRequest {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(body, "body");
    }
  }

  /** The mix's weights per endpoint (they sum to 100). */
  public static Map<String, Integer> weights() {
    Map<String, Integer> w = new LinkedHashMap<>();
    w.put(LISTING, WEIGHTS[0] + WEIGHTS[1] + WEIGHTS[2]);
    w.put(PRODUCT, WEIGHTS[3]);
    w.put(ORDERS, WEIGHTS[4]);
    w.put(TOP_CATEGORIES, WEIGHTS[5]);
    w.put(REVIEW, WEIGHTS[6]);
    return w;
  }

  /** {@code count} requests of the weighted mix for data seeded with {@code seed} at {@code scale}. */
  public static List<ShopRequest> mix(long seed, double scale, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, was " + count);
    }
    ShopData.Sizes z = ShopData.Sizes.of(scale);
    SplittableRandom r = new SplittableRandom(seed ^ 0x10AD);
    List<ShopRequest> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int pick = r.nextInt(100);
      int kind = 0;
      while (pick >= WEIGHTS[kind]) {
        pick -= WEIGHTS[kind];
        kind++;
      }
      out.add(switch (kind) {
        case 0 -> listing(1 + r.nextInt(z.categories()), "price", page(r), 20);
        case 1 -> listing(1 + r.nextInt(z.categories()), "newest", page(r), 20);
        case 2 -> listing(1 + r.nextInt(z.categories()), "rating", page(r), 20);
        case 3 -> product(ShopData.popular(r, z.products()));
        case 4 -> orders(1 + r.nextInt(z.customers()));
        case 5 -> top();
        default -> review(ShopData.popular(r, z.products()), 1 + r.nextInt(z.customers()), 1 + r.nextInt(5));
      });
    }
    return List.copyOf(out);
  }

  /** Pages 1 (60%), 2 (20%) and 3-5: people rarely page far. */
  private static int page(SplittableRandom r) {
    int p = r.nextInt(10);
    return p < 6 ? 1 : p < 8 ? 2 : 3 + r.nextInt(3);
  }

  /**
   * Every endpoint with normal, edge and error cases. The review write goes to a product that no
   * other request of the list reads (not its detail, not its category's listings), and replaces the
   * same customer's review each time, so the list can run against one mode after another on the
   * same database and every answer must still be equal.
   */
  public static List<ShopRequest> verify(long seed, double scale) {
    ShopData.Sizes z = ShopData.Sizes.of(scale);
    int target = z.products() - 1;
    int targetCategory = ShopData.categoryOf(seed, scale, target);
    List<ShopRequest> out = new ArrayList<>();
    int listed = 0;
    for (int category = 1; listed < 3; category++) {
      if (category == targetCategory) {
        continue;
      }
      listed++;
      for (String sort : List.of("price", "newest", "rating")) {
        out.add(listing(category, sort, 1, 20));
        out.add(listing(category, sort, 2, 20));
      }
      out.add(listing(category, "rating", 3, 7));
    }
    int perCategory = z.products() / z.categories();
    out.add(listing(1, "price", perCategory / 10 + 50, 10)); // past the end: empty page
    out.add(listing(9_999, "price", 1, 20)); // no such category: empty page
    out.add(new ShopRequest(LISTING, "GET", "/products?category=1&sort=cheapest", "")); // 400
    out.add(new ShopRequest(LISTING, "GET", "/products?sort=price", "")); // 400
    for (int id : new int[] {1, 2, 42, z.products() / 2, z.products()}) {
      if (ShopData.categoryOf(seed, scale, id) != targetCategory) {
        out.add(product(id));
      }
    }
    out.add(product(z.products() + 1000)); // 404
    for (int id : new int[] {1, 17, z.customers()}) {
      out.add(orders(id));
    }
    out.add(orders(z.customers() + 5)); // 404
    out.add(top());
    out.add(review(target, 1, 4));
    out.add(review(z.products() + 1000, 1, 4)); // 404
    out.add(new ShopRequest(REVIEW, "POST", "/products/" + target + "/reviews", "{\"rating\":9}")); // 400
    return List.copyOf(out);
  }

  private static ShopRequest listing(int category, String sort, int page, int size) {
    return new ShopRequest(LISTING, "GET",
        "/products?category=" + category + "&sort=" + sort + "&page=" + page + "&size=" + size, "");
  }

  private static ShopRequest product(int id) {
    return new ShopRequest(PRODUCT, "GET", "/products/" + id, "");
  }

  private static ShopRequest orders(int customer) {
    return new ShopRequest(ORDERS, "GET", "/customers/" + customer + "/orders", "");
  }

  private static ShopRequest top() {
    return new ShopRequest(TOP_CATEGORIES, "GET", "/categories/top", "");
  }

  private static ShopRequest review(int product, int customer, int rating) {
    String body = "{\"customerId\":" + customer + ",\"rating\":" + rating
        + ",\"title\":\"Rated " + rating + "\",\"body\":\"Written by the hotpath demo load.\"}";
    return new ShopRequest(REVIEW, "POST", "/products/" + product + "/reviews", body);
  }
}
