package dev.hotpath.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.demo.shop.ShopModel.ReviewSummary;
import org.junit.jupiter.api.Test;

/** The rating sort key must equal the SQL expression JoiningStore orders by, or the modes page differently. */
class ReviewSummaryTest {
  @Test
  void sortKeyIsTruncatedThousandthsAndNoReviewsComeLast() {
    assertThat(new ReviewSummary(3, 13).sortKey()).isEqualTo(4333); // 4.333.. truncated, as integer division
    assertThat(new ReviewSummary(3, 14).sortKey()).isEqualTo(4666); // not rounded to 4667
    assertThat(new ReviewSummary(1, 1).sortKey()).isEqualTo(1000);
    assertThat(ReviewSummary.NONE.sortKey()).isEqualTo(-1).isLessThan(new ReviewSummary(1, 1).sortKey());
  }

  @Test
  void jsonAveragesHaveTwoDecimalsRoundedHalfUp() {
    ShopModel.ProductCard card = new ShopModel.ProductCard(1, "x", 1999, 0, java.time.LocalDateTime.of(2025, 1, 2, 3, 4),
        new ReviewSummary(8, 37)); // 4.625 -> 4.63
    byte[] json = ShopJson.listing(new ShopModel.Listing(1, ShopModel.Sort.PRICE, 1, 20, java.util.List.of(card), false));
    assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
        "{\"category\":1,\"sort\":\"price\",\"page\":1,\"size\":20,\"products\":[{\"id\":1,\"name\":\"x\","
            + "\"url\":\"/products/1\",\"images\":{\"thumbnail\":\"https://images.shop.example/products/1/thumb.webp\","
            + "\"large\":\"https://images.shop.example/products/1/large.webp\"},"
            + "\"price\":{\"amount\":19.99,\"currency\":\"EUR\"},\"inStock\":false,\"createdAt\":\"2025-01-02T03:04:00\",\"reviews\":{\"count\":8,\"average\":4.63}}],\"nextPage\":null}");
  }
}
