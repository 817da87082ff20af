package dev.hotpath.demo.shop;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders the shop's values as JSON, one fixed field order and number format, so every mode's
 * response to a request is byte for byte the same. Prices are decimal strings of cents as numbers
 * ({@code 12.34}); averages have two decimals, rounded half up; times are ISO local date-times.
 */
final class ShopJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final String CURRENCY = "EUR";
  private static final String IMAGES = "https://images.shop.example/products/";

  private ShopJson() {}

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] render(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] listing(Listing l) {
    return render(g -> {
      g.writeStartObject();
      g.writeNumberField("category", l.category());
      g.writeStringField("sort", l.sort().token());
      g.writeNumberField("page", l.page());
      g.writeNumberField("size", l.size());
      g.writeArrayFieldStart("products");
      for (ProductCard p : l.products()) {
        g.writeStartObject();
        g.writeNumberField("id", p.id());
        g.writeStringField("name", p.name());
        links(g, p.id());
        price(g, p.priceCents());
        g.writeBooleanField("inStock", p.stock() > 0);
        time(g, "createdAt", p.createdAt());
        summary(g, "reviews", p.reviews());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (l.more()) {
        g.writeNumberField("nextPage", l.page() + 1);
      } else {
        g.writeNullField("nextPage");
      }
      g.writeEndObject();
    });
  }

  static byte[] product(ProductDetail p) {
    return render(g -> {
      g.writeStartObject();
      g.writeNumberField("id", p.id());
      g.writeStringField("name", p.name());
      g.writeStringField("description", p.description());
      links(g, p.id());
      price(g, p.priceCents());
      g.writeNumberField("stock", p.stock());
      g.writeObjectFieldStart("category");
      g.writeNumberField("id", p.categoryId());
      g.writeStringField("name", p.categoryName());
      g.writeEndObject();
      time(g, "createdAt", p.createdAt());
      summary(g, "reviewSummary", p.summary());
      g.writeArrayFieldStart("reviews");
      for (Review r : p.recentReviews()) {
        g.writeStartObject();
        g.writeNumberField("id", r.id());
        g.writeNumberField("rating", r.rating());
        g.writeStringField("title", r.title());
        g.writeStringField("body", r.body());
        g.writeStringField("author", r.author());
        time(g, "createdAt", r.createdAt());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  static byte[] orders(CustomerOrders co) {
    return render(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("customer");
      g.writeNumberField("id", co.customerId());
      g.writeStringField("name", co.customerName());
      g.writeEndObject();
      g.writeArrayFieldStart("orders");
      for (Order o : co.orders()) {
        g.writeStartObject();
        g.writeNumberField("id", o.id());
        g.writeStringField("status", o.status());
        time(g, "createdAt", o.createdAt());
        long total = 0;
        g.writeArrayFieldStart("items");
        for (OrderLine line : o.lines()) {
          g.writeStartObject();
          g.writeNumberField("productId", line.productId());
          g.writeStringField("name", line.productName());
          g.writeStringField("url", "/products/" + line.productId());
          g.writeNumberField("quantity", line.quantity());
          g.writeFieldName("unitPrice");
          g.writeNumber(price(line.unitPriceCents()));
          g.writeEndObject();
          total += (long) line.quantity() * line.unitPriceCents();
        }
        g.writeEndArray();
        g.writeFieldName("total");
        g.writeNumber(price(total));
        g.writeStringField("currency", CURRENCY);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  static byte[] topCategories(List<CategoryRevenue> top) {
    return render(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("categories");
      for (CategoryRevenue c : top) {
        g.writeStartObject();
        g.writeNumberField("id", c.id());
        g.writeStringField("name", c.name());
        g.writeStringField("url", "/products?category=" + c.id());
        g.writeFieldName("revenue");
        g.writeNumber(price(c.revenueCents()));
        g.writeNumberField("unitsSold", c.units());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  static byte[] reviewResult(ReviewResult r) {
    return render(g -> {
      g.writeStartObject();
      g.writeNumberField("productId", r.productId());
      g.writeNumberField("customerId", r.customerId());
      g.writeNumberField("rating", r.rating());
      summary(g, "reviewSummary", r.summary());
      g.writeEndObject();
    });
  }

  static byte[] error(int status, String message) {
    return render(g -> {
      g.writeStartObject();
      g.writeNumberField("status", status);
      g.writeStringField("error", message);
      g.writeEndObject();
    });
  }

  /** The product's page and its images, as a storefront's listing carries them. */
  private static void links(JsonGenerator g, long id) throws IOException {
    g.writeStringField("url", "/products/" + id);
    g.writeObjectFieldStart("images");
    g.writeStringField("thumbnail", IMAGES + id + "/thumb.webp");
    g.writeStringField("large", IMAGES + id + "/large.webp");
    g.writeEndObject();
  }

  private static void price(JsonGenerator g, long cents) throws IOException {
    g.writeObjectFieldStart("price");
    g.writeFieldName("amount");
    g.writeNumber(price(cents));
    g.writeStringField("currency", CURRENCY);
    g.writeEndObject();
  }

  private static BigDecimal price(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }

  private static void time(JsonGenerator g, String field, LocalDateTime t) throws IOException {
    g.writeStringField(field, DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t));
  }

  private static void summary(JsonGenerator g, String field, ReviewSummary s) throws IOException {
    g.writeObjectFieldStart(field);
    g.writeNumberField("count", s.count());
    g.writeFieldName("average");
    if (s.count() == 0) {
      g.writeNull();
    } else {
      g.writeNumber(BigDecimal.valueOf(s.ratingSum()).divide(BigDecimal.valueOf(s.count()), 2, RoundingMode.HALF_UP));
    }
    g.writeEndObject();
  }
}
