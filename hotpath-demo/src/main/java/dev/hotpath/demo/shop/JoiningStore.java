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
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Fix#NO_N_PLUS_ONE} store: each endpoint in one or two statements (JOINs, correlated
 * aggregates that the database runs next to the data, {@code GROUP BY} for the rating sort and the
 * top categories), with explicit columns instead of {@code SELECT *}. Portable SQL (PostgreSQL, H2).
 */
final class JoiningStore implements ShopStore {
  /** A product's review count and rating sum, as correlated subqueries on {@code p}. */
  private static final String SUMMARY_COLUMNS =
      "(SELECT COUNT(*) FROM reviews r WHERE r.product_id = p.id),"
          + " (SELECT COALESCE(SUM(r.rating), 0) FROM reviews r WHERE r.product_id = p.id)";

  private final DataSource ds;
  private final Clock clock;

  JoiningStore(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  @Override
  public Listing listing(int category, Sort sort, int page, int size) throws SQLException {
    String sql = switch (sort) {
      case PRICE -> "SELECT p.id, p.name, p.price_cents, p.stock, p.created_at, " + SUMMARY_COLUMNS
          + " FROM products p WHERE p.category_id = ? ORDER BY p.price_cents, p.id LIMIT ? OFFSET ?";
      case NEWEST -> "SELECT p.id, p.name, p.price_cents, p.stock, p.created_at, " + SUMMARY_COLUMNS
          + " FROM products p WHERE p.category_id = ? ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?";
      // The same key as ReviewSummary.sortKey(): thousandths of a star by integer division, -1 for none.
      case RATING -> "SELECT p.id, p.name, p.price_cents, p.stock, p.created_at, COUNT(r.id), COALESCE(SUM(r.rating), 0)"
          + " FROM products p LEFT JOIN reviews r ON r.product_id = p.id WHERE p.category_id = ?"
          + " GROUP BY p.id, p.name, p.price_cents, p.stock, p.created_at"
          + " ORDER BY CASE WHEN COUNT(r.id) = 0 THEN -1 ELSE COALESCE(SUM(r.rating), 0) * 1000 / COUNT(r.id) END DESC,"
          + " p.id LIMIT ? OFFSET ?";
    };
    List<ProductCard> cards = new ArrayList<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, category);
      ps.setInt(2, size + 1);
      ps.setInt(3, (page - 1) * size);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          cards.add(new ProductCard(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
              rs.getObject(5, LocalDateTime.class), new ReviewSummary(rs.getLong(6), rs.getLong(7))));
        }
      }
    }
    boolean more = cards.size() > size;
    return new Listing(category, sort, page, size, List.copyOf(cards.subList(0, Math.min(size, cards.size()))), more);
  }

  @Override
  public @Nullable ProductDetail product(long id) throws SQLException {
    try (Connection c = ds.getConnection()) {
      ProductDetail p;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT p.name, p.description, p.price_cents, p.stock, p.category_id, c.name, p.created_at, "
              + SUMMARY_COLUMNS + " FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
          p = new ProductDetail(id, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
              rs.getString(6), rs.getObject(7, LocalDateTime.class), new ReviewSummary(rs.getLong(8), rs.getLong(9)),
              List.of());
        }
      }
      List<Review> recent = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT r.id, r.rating, r.title, r.body, COALESCE(u.name, ''), r.created_at FROM reviews r"
              + " LEFT JOIN customers u ON u.id = r.customer_id WHERE r.product_id = ?"
              + " ORDER BY r.created_at DESC, r.id DESC LIMIT " + ShopModel.RECENT_REVIEWS)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            recent.add(new Review(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, LocalDateTime.class)));
          }
        }
      }
      return new ProductDetail(id, p.name(), p.description(), p.priceCents(), p.stock(), p.categoryId(),
          p.categoryName(), p.createdAt(), p.summary(), List.copyOf(recent));
    }
  }

  @Override
  public @Nullable CustomerOrders orders(long customerId) throws SQLException {
    try (Connection c = ds.getConnection()) {
      String name;
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM customers WHERE id = ?")) {
        ps.setLong(1, customerId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
          name = rs.getString(1);
        }
      }
      List<Order> orders = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT o.id, o.status, o.created_at, i.product_id, COALESCE(p.name, ''), i.quantity, i.unit_price_cents"
              + " FROM orders o JOIN order_items i ON i.order_id = o.id LEFT JOIN products p ON p.id = i.product_id"
              + " WHERE o.customer_id = ? ORDER BY o.created_at DESC, o.id DESC, i.id")) {
        ps.setLong(1, customerId);
        try (ResultSet rs = ps.executeQuery()) {
          long current = -1;
          List<OrderLine> lines = new ArrayList<>();
          String status = "";
          LocalDateTime created = LocalDateTime.MIN;
          while (rs.next()) {
            long orderId = rs.getLong(1);
            if (orderId != current) {
              if (current != -1) {
                orders.add(new Order(current, status, created, List.copyOf(lines)));
              }
              current = orderId;
              status = rs.getString(2);
              created = rs.getObject(3, LocalDateTime.class);
              lines.clear();
            }
            lines.add(new OrderLine(rs.getLong(4), rs.getString(5), rs.getInt(6), rs.getInt(7)));
          }
          if (current != -1) {
            orders.add(new Order(current, status, created, List.copyOf(lines)));
          }
        }
      }
      return new CustomerOrders(customerId, name, List.copyOf(orders));
    }
  }

  @Override
  public List<CategoryRevenue> topCategories() throws SQLException {
    List<CategoryRevenue> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT c.id, c.name, SUM(i.quantity * i.unit_price_cents) AS revenue, SUM(i.quantity)"
                + " FROM order_items i JOIN products p ON p.id = i.product_id JOIN categories c ON c.id = p.category_id"
                + " GROUP BY c.id, c.name ORDER BY revenue DESC, c.id LIMIT " + ShopModel.TOP_CATEGORIES);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new CategoryRevenue(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public @Nullable ReviewResult review(long productId, ReviewWrite write) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return ReviewUpsert.run(c, productId, write, clock, JoiningStore::summary);
    }
  }

  private static ReviewSummary summary(Connection c, long productId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*), COALESCE(SUM(rating), 0) FROM reviews WHERE product_id = ?")) {
      ps.setLong(1, productId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new ReviewSummary(rs.getLong(1), rs.getLong(2));
      }
    }
  }
}
