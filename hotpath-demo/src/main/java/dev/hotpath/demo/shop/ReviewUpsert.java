package dev.hotpath.demo.shop;

import dev.hotpath.demo.shop.ShopModel.ReviewResult;
import dev.hotpath.demo.shop.ShopModel.ReviewSummary;
import dev.hotpath.demo.shop.ShopModel.ReviewWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * The review write both stores share. It locks the product row ({@code FOR UPDATE}), so two writes
 * of one customer's review of one product cannot both insert; a unique constraint would do that
 * too, but its index on {@code reviews(product_id, ...)} would hand the naive service the very index
 * the {@link Fix#INDEXES} fix is about.
 */
final class ReviewUpsert {
  /** Reads the product's summary inside the write's transaction. */
  interface SummaryReader {
    ReviewSummary read(Connection c, long productId) throws SQLException;
  }

  private ReviewUpsert() {}

  static @Nullable ReviewResult run(Connection c, long productId, ReviewWrite w, Clock clock, SummaryReader summary)
      throws SQLException {
    c.setAutoCommit(false);
    try {
      ReviewResult result = write(c, productId, w, clock, summary);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static @Nullable ReviewResult write(Connection c, long productId, ReviewWrite w, Clock clock,
      SummaryReader summary) throws SQLException {
    int category;
    try (PreparedStatement ps = c.prepareStatement("SELECT category_id FROM products WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, productId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        category = rs.getInt(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM customers WHERE id = ?")) {
      ps.setLong(1, w.customerId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
      }
    }
    int updated;
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE reviews SET rating = ?, title = ?, body = ? WHERE product_id = ? AND customer_id = ?")) {
      ps.setInt(1, w.rating());
      ps.setString(2, w.title());
      ps.setString(3, w.body());
      ps.setLong(4, productId);
      ps.setLong(5, w.customerId());
      updated = ps.executeUpdate();
    }
    if (updated == 0) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO reviews (product_id, customer_id, rating, title, body, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, productId);
        ps.setLong(2, w.customerId());
        ps.setInt(3, w.rating());
        ps.setString(4, w.title());
        ps.setString(5, w.body());
        ps.setTimestamp(6, Timestamp.valueOf(LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS)));
        ps.executeUpdate();
      }
    }
    return new ReviewResult(productId, category, w.customerId(), w.rating(), summary.read(c, productId));
  }
}
