package dev.hotpath.demo.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.demo.shop.ShopModel.CustomerOrders;
import dev.hotpath.demo.shop.ShopModel.ProductDetail;
import dev.hotpath.demo.shop.ShopModel.ReviewResult;
import dev.hotpath.demo.shop.ShopModel.ReviewWrite;
import dev.hotpath.demo.shop.ShopModel.Sort;
import dev.hotpath.demo.shop.ShopStats.Endpoint;
import dev.hotpath.metrics.Scope;
import dev.hotpath.monitor.RequestTiming;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The shop's HTTP API: routes a request to its endpoint, answers it from the cache or the store,
 * and records it in the stats. Every body is JSON; errors are {@code {"status":..,"error":..}}.
 */
final class ShopServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final System.Logger LOG = System.getLogger("dev.hotpath.demo.shop");
  private static final Pattern PRODUCT = Pattern.compile("/products/(\\d{1,18})");
  private static final Pattern REVIEWS = Pattern.compile("/products/(\\d{1,18})/reviews");
  private static final Pattern ORDERS = Pattern.compile("/customers/(\\d{1,18})/orders");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_BODY = 16 * 1024;

  private final transient ShopStore store;
  private final transient @Nullable ShopCache cache;
  private final transient ShopStats stats;

  ShopServlet(ShopStore store, @Nullable ShopCache cache, ShopStats stats) {
    this.store = store;
    this.cache = cache;
    this.stats = stats;
  }

  /** A client error, answered with its status and message. */
  private static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String reason;

    BadRequest(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
      this.reason = reason;
    }
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String path = req.getRequestURI();
    String method = req.getMethod();
    if (path.startsWith("/_demo/")) {
      demo(method, path, res);
      return;
    }
    Endpoint endpoint = null;
    int status = 200;
    byte[] body;
    try {
      Matcher product = PRODUCT.matcher(path);
      Matcher orders = ORDERS.matcher(path);
      Matcher reviews = REVIEWS.matcher(path);
      boolean get = method.equals("GET");
      if (get && path.equals("/products")) {
        endpoint = Endpoint.LISTING;
        body = listing(req);
      } else if (get && product.matches()) {
        endpoint = Endpoint.PRODUCT;
        long id = Long.parseLong(product.group(1));
        body = cached("p:" + id, () -> {
          ProductDetail p = store.product(id);
          return p == null ? null : ShopJson.product(p);
        });
        body = found(body, "no product " + id);
      } else if (get && orders.matches()) {
        endpoint = Endpoint.ORDERS;
        long id = Long.parseLong(orders.group(1));
        body = found(cached("o:" + id, () -> {
          CustomerOrders o = store.orders(id);
          return o == null ? null : ShopJson.orders(o);
        }), "no customer " + id);
      } else if (get && path.equals("/categories/top")) {
        endpoint = Endpoint.TOP_CATEGORIES;
        byte[] top = cached("top", () -> ShopJson.topCategories(store.topCategories()));
        body = found(top, "no categories");
      } else if (method.equals("POST") && reviews.matches()) {
        endpoint = Endpoint.REVIEW;
        body = review(Long.parseLong(reviews.group(1)), req);
      } else {
        throw new BadRequest(404, "no endpoint " + method + " " + path);
      }
    } catch (BadRequest e) {
      status = e.status;
      body = ShopJson.error(status, e.reason);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.ERROR, method + " " + path + " failed", e);
      status = 500;
      body = ShopJson.error(500, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (endpoint != null) {
      req.setAttribute(RequestTiming.URI_TEMPLATE_ATTRIBUTE, endpoint.template());
      Scope scope = Scope.current();
      stats.request(endpoint, scope == null ? 0 : scope.measurement("db").count());
    }
    send(res, status, body);
  }

  private byte[] listing(HttpServletRequest req) throws Exception {
    int category = intParam(req, "category", -1, 1, Integer.MAX_VALUE);
    Sort sort;
    try {
      String s = req.getParameter("sort");
      sort = Sort.parse(s == null ? "price" : s);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(400, String.valueOf(e.getMessage()));
    }
    int page = intParam(req, "page", 1, 1, 10_000);
    int size = intParam(req, "size", 20, 1, 100);
    ShopCache.BodyLoader load = () -> ShopJson.listing(store.listing(category, sort, page, size));
    String key = "l:" + category + ":" + sort.token() + ":" + page + ":" + size;
    byte[] body = cache == null ? load.load() : cache.listing(category, key, load);
    return found(body, "no listing");
  }

  private byte[] review(long productId, HttpServletRequest req) throws Exception {
    ReviewWrite write = parseReview(req);
    ReviewResult r = store.review(productId, write);
    if (r == null) {
      throw new BadRequest(404, "no product " + productId + " or no customer " + write.customerId());
    }
    if (cache != null) {
      cache.reviewed("p:" + productId, r.categoryId());
    }
    return ShopJson.reviewResult(r);
  }

  private static ReviewWrite parseReview(HttpServletRequest req) throws IOException, BadRequest {
    JsonNode n;
    try (InputStream in = req.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new BadRequest(413, "review body over " + MAX_BODY + " bytes");
      }
      n = MAPPER.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadRequest(400, "review body is not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.path("customerId").canConvertToLong() || !n.path("rating").isInt()
        || !n.path("title").isTextual() || !n.path("body").isTextual()) {
      throw new BadRequest(400, "review body needs customerId (number), rating (1-5), title and body (strings)");
    }
    int rating = n.get("rating").asInt();
    String title = n.get("title").asText();
    String text = n.get("body").asText();
    if (rating < 1 || rating > 5 || title.length() > 200 || text.length() > 2000) {
      throw new BadRequest(400, "rating must be 1-5, title at most 200 and body at most 2000 characters");
    }
    return new ReviewWrite(n.get("customerId").asLong(), rating, title, text);
  }

  private byte @Nullable [] cached(String key, ShopCache.BodyLoader load) throws Exception {
    return cache == null ? load.load() : cache.get(key, load);
  }

  private static byte[] found(byte @Nullable [] body, String what) throws BadRequest {
    if (body == null) {
      throw new BadRequest(404, what);
    }
    return body;
  }

  private static int intParam(HttpServletRequest req, String name, int dflt, int min, int max) throws BadRequest {
    String v = req.getParameter(name);
    if (v == null) {
      if (dflt < 0) {
        throw new BadRequest(400, name + " is required");
      }
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new BadRequest(400, name + " must be an integer in [" + min + ", " + max + "], was '" + v + "'");
  }

  private void demo(String method, String path, HttpServletResponse res) throws IOException {
    if (method.equals("GET") && path.equals("/_demo/stats")) {
      send(res, 200, stats.toJson());
    } else if (method.equals("POST") && path.equals("/_demo/stats/reset")) {
      stats.reset();
      send(res, 200, stats.toJson());
    } else {
      send(res, 404, ShopJson.error(404, "no endpoint " + method + " " + path));
    }
  }

  private static void send(HttpServletResponse res, int status, byte[] body) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }
}
