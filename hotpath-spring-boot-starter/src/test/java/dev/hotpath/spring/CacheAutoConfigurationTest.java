package dev.hotpath.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.cache.L2Status;
import dev.hotpath.cache.TieredCache;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The TieredCacheManager from hotpath.cache.* when the application enables caching. */
class CacheAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HotpathCacheAutoConfiguration.class));

  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  static class Caching {}

  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  static class OwnManager {
    @Bean
    CacheManager cacheManager() {
      return new ConcurrentMapCacheManager();
    }
  }

  @Test
  void settingsComeFromProperties() {
    runner.withUserConfiguration(Caching.class)
        .withPropertyValues("hotpath.cache.cache-names=books,authors", "hotpath.cache.l1-ttl=5s",
            "hotpath.cache.l1-maximum-size=100", "hotpath.cache.max-staleness=1s")
        .run(context -> {
          TieredCacheManager manager = context.getBean(TieredCacheManager.class);
          assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("books", "authors");
          @SuppressWarnings("unchecked")
          TieredCache<String, Object> books = (TieredCache<String, Object>) manager.getCache("books").getNativeCache();
          assertThat(books.config().l1Ttl()).isEqualTo(Duration.ofSeconds(5));
          assertThat(books.config().l1MaximumSize()).isEqualTo(100);
          assertThat(books.config().maxStaleness()).isEqualTo(Duration.ofSeconds(1));
          assertThat(books.l2Status()).isEqualTo(L2Status.NOT_CONFIGURED);
        });
  }

  @Test
  void aBadSettingStopsStartupNamingTheProperty() {
    runner.withUserConfiguration(Caching.class)
        .withPropertyValues("hotpath.cache.cache-names=books", "hotpath.cache.l1-ttl=0s")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("IllegalArgumentException: hotpath.cache (cache 'books'): l1Ttl must be > 0, was PT0S"));
  }

  @Test
  void stepsAsideWithoutEnableCachingWhenDisabledOrForTheApplicationsOwnManager() {
    runner.run(context -> assertThat(context).doesNotHaveBean(CacheManager.class));
    // Disabled, @EnableCaching finds no CacheManager at all: Spring's own startup error, not ours.
    runner.withUserConfiguration(Caching.class).withPropertyValues("hotpath.cache.enabled=false")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasMessageContaining("No qualifying bean of type 'org.springframework.cache.CacheManager'"));
    runner.withUserConfiguration(OwnManager.class)
        .run(context -> assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class));
  }
}
