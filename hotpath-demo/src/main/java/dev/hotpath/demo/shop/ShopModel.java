package dev.hotpath.demo.shop;

import java.time.LocalDateTime;
import java.util.List;

/** The values the shop's endpoints return, the same whichever store produced them. Immutable. */
final class ShopModel {
  private ShopModel() {}

  /** Listing sort orders; ties always break on the product id so every store pages identically. */
  enum Sort {
    PRICE, RATING, NEWEST;

    static Sort parse(String text) {
      return switch (text) {
        case "price" -> PRICE;
        case "rating" -> RATING;
        case "newest" -> NEWEST;
        default -> throw new IllegalArgumentException("sort must be price, rating or newest, was '" + text + "'");
      };
    }

    String token() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A product's review count and rating sum; the average is derived, so every store rounds alike. */
  record ReviewSummary(long count, long ratingSum) {
    static final ReviewSummary NONE = new ReviewSummary(0, 0);

    /**
     * The rating sort key: the average in thousandths of a star, truncated (as SQL's integer
     * division does), or -1 without reviews so those come last.
     */
    long sortKey() {
      return count == 0 ? -1 : ratingSum * 1000 / count;
    }
  }

  record ProductCard(long id, String name, int priceCents, int stock, LocalDateTime createdAt, ReviewSummary reviews) {}

  record Listing(int category, Sort sort, int page, int size, List<ProductCard> products, boolean more) {}

  record Review(long id, int rating, String title, String body, String author, LocalDateTime createdAt) {}

  record ProductDetail(long id, String name, String description, int priceCents, int stock, int categoryId,
      String categoryName, LocalDateTime createdAt, ReviewSummary summary, List<Review> recentReviews) {}

  record OrderLine(long productId, String productName, int quantity, int unitPriceCents) {}

  record Order(long id, String status, LocalDateTime createdAt, List<OrderLine> lines) {}

  record CustomerOrders(long customerId, String customerName, List<Order> orders) {}

  record CategoryRevenue(int id, String name, long revenueCents, long units) {}

  record ReviewWrite(long customerId, int rating, String title, String body) {}

  record ReviewResult(long productId, int categoryId, long customerId, int rating, ReviewSummary summary) {}

  /** How many reviews the detail shows (newest first); the summary counts them all. */
  static final int RECENT_REVIEWS = 20;
  /** How many categories the top list shows. */
  static final int TOP_CATEGORIES = 10;
}
