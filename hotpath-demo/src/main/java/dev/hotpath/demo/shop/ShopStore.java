package dev.hotpath.demo.shop;

import dev.hotpath.demo.shop.ShopModel.CategoryRevenue;
import dev.hotpath.demo.shop.ShopModel.CustomerOrders;
import dev.hotpath.demo.shop.ShopModel.Listing;
import dev.hotpath.demo.shop.ShopModel.ProductDetail;
import dev.hotpath.demo.shop.ShopModel.ReviewResult;
import dev.hotpath.demo.shop.ShopModel.ReviewWrite;
import dev.hotpath.demo.shop.ShopModel.Sort;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The shop's data access, one connection per call (a request makes one call). Two implementations
 * return equal values: {@link LoopingStore} (the guide's "before") and {@link JoiningStore}.
 */
interface ShopStore {
  Listing listing(int category, Sort sort, int page, int size) throws SQLException;

  /** Null when there is no such product. */
  @Nullable ProductDetail product(long id) throws SQLException;

  /** Null when there is no such customer. */
  @Nullable CustomerOrders orders(long customerId) throws SQLException;

  List<CategoryRevenue> topCategories() throws SQLException;

  /**
   * Adds the customer's review of the product, or replaces it when they reviewed it before (so the
   * same request twice leaves the same data); null when the product or customer does not exist.
   */
  @Nullable ReviewResult review(long productId, ReviewWrite write) throws SQLException;
}
