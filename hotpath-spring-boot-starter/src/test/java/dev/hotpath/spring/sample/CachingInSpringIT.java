package dev.hotpath.spring.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.cache.CacheLookup;
import dev.hotpath.cache.L2Status;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.cache.Tier;
import dev.hotpath.spring.TieredCacheManager;
import dev.hotpath.spring.TieredSpringCache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;

/** {@code @Cacheable}/{@code @CacheEvict} in the sample application run on TieredCache. */
class CachingInSpringIT extends SampleAppTest {
  @Autowired
  BookCatalog catalog;

  @Autowired
  CacheManager cacheManager;

  @SuppressWarnings("unchecked")
  private TieredCache<String, Object> tiered(String name) {
    return ((TieredSpringCache) cacheManager.getCache(name)).getNativeCache();
  }

  @Test
  void cacheableReadsHitTieredCacheAndEvictReloads() {
    assertThat(cacheManager).isInstanceOf(TieredCacheManager.class);
    int before = catalog.queries();
    assertThat(catalog.title(11)).isEqualTo("book 1.1");
    assertThat(catalog.title(11)).isEqualTo("book 1.1");
    assertThat(catalog.queries() - before).as("the second call came from the cache").isEqualTo(1);
    TieredCache<String, Object> titles = tiered("book-titles");
    assertThat(titles.lookup("11", k -> {
      throw new AssertionError("must be cached");
    })).isEqualTo(new CacheLookup<Object>("book 1.1", Tier.L1, false));
    assertThat(titles.l2Status()).isEqualTo(L2Status.NOT_CONFIGURED); // no Redis configured: L1 only

    catalog.renamed(11);
    assertThat(catalog.title(11)).isEqualTo("book 1.1");
    assertThat(catalog.queries() - before).as("evicted, so loaded again").isEqualTo(2);
  }

  @Test
  void aMissingRowIsCachedAsNullAndTheUnsyncedPathCachesToo() {
    int before = catalog.queries();
    assertThat(catalog.title(9_999)).isNull();
    assertThat(catalog.title(9_999)).isNull();
    assertThat(catalog.titleUnsynced(12)).isEqualTo("book 1.2");
    assertThat(catalog.titleUnsynced(12)).isEqualTo("book 1.2");
    assertThat(catalog.queries() - before).isEqualTo(2);
    assertThat(tiered("book-titles-unsynced").stats().puts()).isEqualTo(1);
  }
}
