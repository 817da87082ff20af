package dev.hotpath.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.db.ExplainAdvice;
import dev.hotpath.db.ExplainAdvisor;
import dev.hotpath.db.ExplainConfig;
import dev.hotpath.db.IndexSuggestion;
import dev.hotpath.demo.shop.ShopBackends.Backend;
import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The {@link Fix#INDEXES} fix is what hotpath's own {@link ExplainAdvisor} advises for the naive
 * service's statements on PostgreSQL: each suggested index is one of {@link ShopData#INDEXES}, and
 * each of those was suggested. The scale is 0.1 (tables counted as large from 1,000 rows, as the
 * default 10,000 is meant for production tables); {@code -Dshop.explain.scale=1.0} re-checks the
 * published scale.
 */
class IndexChoiceIT {
  /** The naive statements that filter, with a typical parameter (a category, product, customer, order). */
  // The last, each category's revenue, scans every order line whatever the indexes: the advisor's
  // products(category_id) lowers its cost by 8% only (7729 -> 7110 at scale 1); the cache is its fix.
  private static final List<Object[]> NAIVE = List.of(
      new Object[] {"SELECT * FROM products WHERE category_id = ? ORDER BY price_cents, id LIMIT 21 OFFSET 0", 7},
      new Object[] {"SELECT * FROM products WHERE category_id = ? ORDER BY created_at DESC, id DESC LIMIT 21 OFFSET 0", 7},
      new Object[] {"SELECT * FROM reviews WHERE product_id = ? ORDER BY created_at DESC, id DESC", 4242L},
      new Object[] {"SELECT * FROM orders WHERE customer_id = ? ORDER BY created_at DESC, id DESC", 17L},
      new Object[] {"SELECT * FROM order_items WHERE order_id = ? ORDER BY id", 1234L},
      new Object[] {"SELECT SUM(i.quantity * i.unit_price_cents), SUM(i.quantity) FROM order_items i"
          + " JOIN products p ON p.id = i.product_id WHERE p.category_id = ?", 7});

  @Test
  void theIndexFixIsWhatExplainAdvisorSuggests() throws Exception {
    double scale = Double.parseDouble(System.getProperty("shop.explain.scale", "0.1"));
    Backend pg = ShopBackends.postgres();
    try (pg) {
      ShopData.ensureSeeded(pg.url(), pg.user(), null, pg.schema(), ShopBackends.SEED, scale);
      ExplainAdvisor advisor = ExplainAdvisor.create(ExplainConfig.builder().largeTableRows(1_000).build());
      Set<String> suggested = new LinkedHashSet<>();
      try (Connection c = pg.connect()) {
        ShopData.applyIndexes(c, pg.schema(), false);
        for (Object[] q : NAIVE) {
          ExplainAdvice advice = advisor.advise(c, (String) q[0], q[1]);
          System.out.println("advice for " + q[0] + ": " + advice.findings());
          IndexSuggestion ix = advice.suggestedIndex().orElseThrow(() ->
              new AssertionError("no index suggested for " + q[0] + "; plan: " + advice.plan()));
          System.out.println("  verified: " + advisor.verify(c, advice, ix, q[1]));
          suggested.add(key(ix.table(), String.join(", ", ix.columns())));
        }
      }
      Set<String> fix = ShopData.INDEXES.stream().map(i -> key(i.table(), i.columns())).collect(Collectors.toSet());
      System.out.println("ExplainAdvisor suggested " + suggested);
      // Every index of the fix was suggested; every suggestion is one of them or a prefix of one
      // (the top-categories aggregate gets products(category_id), which the listing index leads with).
      assertThat(suggested).containsAll(fix);
      for (String ix : suggested) {
        String open = ix.substring(0, ix.length() - 1);
        assertThat(fix).as("covers " + ix).anyMatch(f -> f.equals(ix) || f.startsWith(open + ","));
      }
    }
  }

  private static String key(String table, String columns) {
    String t = table.contains(".") ? table.substring(table.lastIndexOf('.') + 1) : table;
    return (t + "(" + columns.replace(" ", "") + ")").toLowerCase(Locale.ROOT);
  }
}
