package dev.hotpath.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** IDEs complete hotpath.* from the metadata the configuration processor writes. */
class MetadataTest {
  @Test
  void everyPropertyHasADescriptionAndTheRedactionValuesAreHinted() throws IOException {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("spring-configuration-metadata.json").isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String property : new String[] {
        "hotpath.web.enabled", "hotpath.web.server-timing", "hotpath.web.slow-threshold",
        "hotpath.db.enabled", "hotpath.db.slow-query-threshold", "hotpath.db.n-plus-one-threshold",
        "hotpath.db.strict-n-plus-one", "hotpath.db.parameter-redaction", "hotpath.db.max-fingerprints",
        "hotpath.jvm.enabled", "hotpath.leak.enabled", "hotpath.leak.window", "hotpath.leak.min-bytes-per-minute",
        "hotpath.leak.histograms", "hotpath.profiling.max-duration", "hotpath.profiling.engine",
        "hotpath.profiling.allow-unsecured", "hotpath.cache.enabled", "hotpath.cache.cache-names",
        "hotpath.cache.l1-ttl", "hotpath.cache.redis-uri"}) {
      assertThat(json).contains("\"name\": \"" + property + "\"");
    }
    assertThat(json).doesNotContain("\"description\": \"\"");
    assertThat(json).contains("\"value\": \"TYPES\"", "\"value\": \"NONE\"", "\"value\": \"ALL\"");
  }
}
