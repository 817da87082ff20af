package dev.hotpath.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.demo.shop.ShopBackends.Answer;
import dev.hotpath.demo.shop.ShopBackends.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads and review writes of one category race on the cached service; once the writes stop, every
 * cached page and detail must equal what the database says (read through an uncached server). A
 * lost invalidation would leave a stale body for the cache's TTL (minutes). Platform and virtual
 * threads; the writers write a fixed number of times and the readers read until they are done.
 */
class ShopCacheStressIT {
  private static final int READERS = 8;
  private static final int WRITES_PER_WRITER = 40;

  @ParameterizedTest(name = "virtual threads: {0}")
  @ValueSource(booleans = {false, true})
  void noStaleBodyOutlivesTheWrites(boolean virtual) throws Exception {
    try (Backend b = ShopBackends.h2();
        ShopServer cached = ShopServer.start(b.options("all", null));
        ShopServer truth = ShopServer.start(b.options("no-n-plus-one,pool", null))) {
      // The products of one category, and every page of it in each sort.
      int category = ShopData.categoryOf(ShopBackends.SEED, ShopBackends.SCALE, 1);
      List<Integer> products = new ArrayList<>();
      for (int id = 1; id <= ShopData.Sizes.of(ShopBackends.SCALE).products(); id++) {
        if (ShopData.categoryOf(ShopBackends.SEED, ShopBackends.SCALE, id) == category) {
          products.add(id);
        }
        if (products.size() == 12) {
          break;
        }
      }
      List<String> reads = new ArrayList<>();
      for (String sort : List.of("price", "rating", "newest")) {
        for (int page = 1; page <= 3; page++) {
          reads.add("/products?category=" + category + "&sort=" + sort + "&page=" + page + "&size=5");
        }
      }
      for (int id : products) {
        reads.add("/products/" + id);
      }

      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong writes = new AtomicLong();
      AtomicLong served = new AtomicLong();
      ExecutorService pool = virtual ? Executors.newVirtualThreadPerTaskExecutor() : Executors.newFixedThreadPool(10);
      List<Future<?>> tasks = new ArrayList<>();
      try {
        for (int t = 0; t < READERS; t++) {
          tasks.add(pool.submit(() -> {
            while (!stop.get()) {
              String path = reads.get(ThreadLocalRandom.current().nextInt(reads.size()));
              assertThat(ShopBackends.get(cached.port(), path).status()).isEqualTo(200);
              served.incrementAndGet();
            }
            return null;
          }));
        }
        for (int t = 0; t < 2; t++) {
          tasks.add(pool.submit(() -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            for (int w = 0; w < WRITES_PER_WRITER; w++) {
              int product = products.get(r.nextInt(products.size()));
              String body = "{\"customerId\":" + (1 + r.nextInt(20)) + ",\"rating\":" + (1 + r.nextInt(5))
                  + ",\"title\":\"t\",\"body\":\"b\"}";
              assertThat(ShopBackends.post(cached.port(), "/products/" + product + "/reviews", body).status())
                  .isEqualTo(200);
              writes.incrementAndGet();
            }
            return null;
          }));
        }
        for (Future<?> writer : tasks.subList(READERS, tasks.size())) {
          writer.get();
        }
        stop.set(true);
        for (Future<?> f : tasks) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(writes.get()).isEqualTo(2L * WRITES_PER_WRITER);
      assertThat(served.get()).isPositive();
      for (String path : reads) {
        Answer fromCache = ShopBackends.get(cached.port(), path);
        assertThat(fromCache).as(path + " after " + writes.get() + " writes").isEqualTo(ShopBackends.get(truth.port(), path));
      }
    }
  }
}
