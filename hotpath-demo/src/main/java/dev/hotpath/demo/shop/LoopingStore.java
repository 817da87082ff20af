package dev.hotpath.demo.shop;

import dev.hotpath.demo.shop.ShopModel.CategoryRevenue;
import dev.hotpath.demo.shop.ShopModel.CustomerOrders;
import dev.hotpath.demo.shop.ShopModel.Listing;
import dev.hotpath.demo.shop.ShopModel.Order;
import dev.hotpath.demo.shop.ShopModel.OrderLine;
import dev.hotpath.demo.shop.ShopModel.ProductCard;
import dev.hotpath.demo.shop.ShopModel.ProductDetail;
import dev.hotpath.demo.shop.ShopModel.Review;
import dev.hotpath.demo.shop.ShopModel.ReviewResult;
import dev.hotpath.demo.shop.ShopModel.ReviewSummary;
import dev.hotpath.demo.shop.ShopModel.ReviewWrite;
import dev.hotpath.demo.shop.ShopModel.Sort;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The guide's "before", written the way such code usually is: {@code SELECT *}, then a query per
 * row for what each row needs (a product's reviews, an order's lines, a line's product, a review's
 * author), and in-memory sorting where SQL would have needed an aggregate. Its answers equal
 * {@link JoiningStore}'s; only the number and shape of the queries differ.
 */
final class LoopingStore implements ShopStore {
  private final DataSource ds;
  private final Clock clock;

  LoopingStore(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  @Override
  public Listing listing(int category, Sort sort, int page, int size) throws SQLException {
    try (Connection c = ds.getConnection()) {
      if (sort == Sort.RATING) {
        return byRating(c, category, page, size);
      }
      String order = sort == Sort.PRICE ? "price_cents, id" : "created_at DESC, id DESC";
      List<ProductCard> cards = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM products WHERE category_id = ? ORDER BY " + order + " LIMIT ? OFFSET ?")) {
        ps.setInt(1, category);
        ps.setInt(2, size + 1);
        ps.setInt(3, (page - 1) * size);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            cards.add(card(rs, ReviewSummary.NONE));
          }
        }
      }
      boolean more = cards.size() > size;
      List<ProductCard> out = new ArrayList<>();
      for (ProductCard p : cards.subList(0, Math.min(size, cards.size()))) {
        out.add(new ProductCard(p.id(), p.name(), p.priceCents(), p.stock(), p.createdAt(), summary(reviewsOf(c, p.id()))));
      }
      return new Listing(category, sort, page, size, out, more);
    }
  }

  /** Loads the whole category and every review of it, then sorts and pages in memory. */
  private Listing byRating(Connection c, int category, int page, int size) throws SQLException {
    Map<Long, ProductCard> products = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM products WHERE category_id = ?")) {
      ps.setInt(1, category);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ProductCard p = card(rs, ReviewSummary.NONE);
          products.put(p.id(), p);
        }
      }
    }
    Map<Long, long[]> sums = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM reviews WHERE product_id IN (SELECT id FROM products WHERE category_id = ?)")) {
      ps.setInt(1, category);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long[] s = sums.computeIfAbsent(rs.getLong("product_id"), k -> new long[2]);
          s[0]++;
          s[1] += rs.getInt("rating");
        }
      }
    }
    List<ProductCard> all = new ArrayList<>();
    for (ProductCard p : products.values()) {
      long[] s = sums.get(p.id());
      all.add(new ProductCard(p.id(), p.name(), p.priceCents(), p.stock(), p.createdAt(),
          s == null ? ReviewSummary.NONE : new ReviewSummary(s[0], s[1])));
    }
    all.sort(Comparator.comparingLong((ProductCard p) -> p.reviews().sortKey()).reversed()
        .thenComparingLong(ProductCard::id));
    int from = Math.min(all.size(), (page - 1) * size);
    int to = Math.min(all.size(), from + size);
    return new Listing(category, Sort.RATING, page, size, List.copyOf(all.subList(from, to)), all.size() > to);
  }

  private static ProductCard card(ResultSet rs, ReviewSummary summary) throws SQLException {
    return new ProductCard(rs.getLong("id"), rs.getString("name"), rs.getInt("price_cents"), rs.getInt("stock"),
        rs.getObject("created_at", LocalDateTime.class), summary);
  }

  /** Every review of the product, newest first, with {@code SELECT *} (no author yet). */
  private static List<Review> reviewsOf(Connection c, long productId) throws SQLException {
    List<Review> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM reviews WHERE product_id = ? ORDER BY created_at DESC, id DESC")) {
      ps.setLong(1, productId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Review(rs.getLong("id"), rs.getInt("rating"), rs.getString("title"), rs.getString("body"),
              Long.toString(rs.getLong("customer_id")), rs.getObject("created_at", LocalDateTime.class)));
        }
      }
    }
    return out;
  }

  private static ReviewSummary summary(List<Review> reviews) {
    long sum = 0;
    for (Review r : reviews) {
      sum += r.rating();
    }
    return new ReviewSummary(reviews.size(), sum);
  }

  @Override
  public @Nullable ProductDetail product(long id) throws SQLException {
    try (Connection c = ds.getConnection()) {
      long categoryId;
      ProductDetail p;
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM products WHERE id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
          categoryId = rs.getInt("category_id");
          p = new ProductDetail(id, rs.getString("name"), rs.getString("description"), rs.getInt("price_cents"),
              rs.getInt("stock"), (int) categoryId, "", rs.getObject("created_at", LocalDateTime.class),
              ReviewSummary.NONE, List.of());
        }
      }
      String categoryName = "";
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM categories WHERE id = ?")) {
        ps.setLong(1, categoryId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            categoryName = rs.getString("name");
          }
        }
      }
      List<Review> all = reviewsOf(c, id);
      List<Review> recent = new ArrayList<>();
      for (Review r : all.subList(0, Math.min(ShopModel.RECENT_REVIEWS, all.size()))) {
        recent.add(new Review(r.id(), r.rating(), r.title(), r.body(), customerName(c, Long.parseLong(r.author())),
            r.createdAt()));
      }
      return new ProductDetail(id, p.name(), p.description(), p.priceCents(), p.stock(), p.categoryId(),
          categoryName, p.createdAt(), summary(all), recent);
    }
  }

  private static String customerName(Connection c, long id) throws SQLException {
    String name = customer(c, id);
    return name == null ? "" : name;
  }

  /** The customer's name, or null when there is no such customer. */
  private static @Nullable String customer(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM customers WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString("name") : null;
      }
    }
  }

  @Override
  public @Nullable CustomerOrders orders(long customerId) throws SQLException {
    try (Connection c = ds.getConnection()) {
      String name = customer(c, customerId);
      if (name == null) {
        return null;
      }
      List<Order> orders = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM orders WHERE customer_id = ? ORDER BY created_at DESC, id DESC")) {
        ps.setLong(1, customerId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            orders.add(new Order(rs.getLong("id"), rs.getString("status"),
                rs.getObject("created_at", LocalDateTime.class), List.of()));
          }
        }
      }
      List<Order> out = new ArrayList<>();
      for (Order o : orders) {
        out.add(new Order(o.id(), o.status(), o.createdAt(), linesOf(c, o.id())));
      }
      return new CustomerOrders(customerId, name, out);
    }
  }

  private static List<OrderLine> linesOf(Connection c, long orderId) throws SQLException {
    List<long[]> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM order_items WHERE order_id = ? ORDER BY id")) {
      ps.setLong(1, orderId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new long[] {rs.getLong("product_id"), rs.getInt("quantity"), rs.getInt("unit_price_cents")});
        }
      }
    }
    List<OrderLine> lines = new ArrayList<>();
    for (long[] r : rows) {
      String product = "";
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM products WHERE id = ?")) {
        ps.setLong(1, r[0]);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            product = rs.getString("name");
          }
        }
      }
      lines.add(new OrderLine(r[0], product, (int) r[1], (int) r[2]));
    }
    return lines;
  }

  @Override
  public List<CategoryRevenue> topCategories() throws SQLException {
    try (Connection c = ds.getConnection()) {
      List<CategoryRevenue> categories = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM categories ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          categories.add(new CategoryRevenue(rs.getInt("id"), rs.getString("name"), 0, 0));
        }
      }
      List<CategoryRevenue> out = new ArrayList<>();
      for (CategoryRevenue cat : categories) {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT SUM(i.quantity * i.unit_price_cents), SUM(i.quantity) FROM order_items i"
                + " JOIN products p ON p.id = i.product_id WHERE p.category_id = ?")) {
          ps.setInt(1, cat.id());
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getObject(2) != null) {
              out.add(new CategoryRevenue(cat.id(), cat.name(), rs.getLong(1), rs.getLong(2)));
            }
          }
        }
      }
      out.sort(Comparator.comparingLong(CategoryRevenue::revenueCents).reversed()
          .thenComparingInt(CategoryRevenue::id));
      return List.copyOf(out.subList(0, Math.min(ShopModel.TOP_CATEGORIES, out.size())));
    }
  }

  @Override
  public @Nullable ReviewResult review(long productId, ReviewWrite write) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return ReviewUpsert.run(c, productId, write, clock, (conn, id) -> summary(reviewsOf(conn, id)));
    }
  }
}
