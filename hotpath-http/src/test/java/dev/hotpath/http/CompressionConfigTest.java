package dev.hotpath.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompressionConfigTest {

  static FilterConfig params(Map<String, String> values) {
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return "compression";
      }

      @Override
      public ServletContext getServletContext() {
        throw new UnsupportedOperationException();
      }

      @Override
      public String getInitParameter(String name) {
        return values.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(values.keySet());
      }
    };
  }

  @Test
  void webXmlInitParametersConfigureTheNoArgumentFilter() {
    CompressionFilter filter = new CompressionFilter();
    filter.init(params(Map.of("codings", "gzip, deflate", "minBytes", "2048", "gzipLevel", "4")));

    assertThat(filter.offeredCodings()).containsExactly(ContentCoding.GZIP, ContentCoding.DEFLATE);
  }

  @Test
  void aBadInitParameterNamesItself() {
    assertThatThrownBy(() -> new CompressionFilter().init(params(Map.of("codings", "gzip,br"))))
        .hasMessage("codings must list gzip, deflate or zstd, was 'gzip,br'");
    assertThatThrownBy(() -> new CompressionFilter().init(params(Map.of("gzipLevel", "max"))))
        .hasMessage("gzipLevel must be an integer, was 'max'");
  }

  @Test
  void badSettingsAreRejectedWithTheirNameValueAndRange() {
    assertThatThrownBy(() -> CompressionConfig.builder().gzipLevel(10).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CompressionConfig.gzipLevel must be in [1, 9], was 10");
    assertThatThrownBy(() -> CompressionConfig.builder().zstdLevel(0).build())
        .hasMessage("CompressionConfig.zstdLevel must be in [1, 19], was 0");
    assertThatThrownBy(() -> CompressionConfig.builder().codings(ContentCoding.GZIP, ContentCoding.GZIP).build())
        .hasMessage("CompressionConfig.codings must be without repeats, was [GZIP, GZIP]");
    assertThatThrownBy(() -> CompressionConfig.builder().excludedContentTypes(Set.of("Image/PNG")).build())
        .hasMessageContaining("was 'Image/PNG'");
  }

  @Test
  void contentTypesMatchWithoutParametersAndByWildcard() {
    CompressionConfig config = CompressionConfig.ofDefaults();

    assertThat(config.isCompressible("application/json; charset=utf-8")).isTrue();
    assertThat(config.isCompressible("image/svg+xml")).isTrue();
    assertThat(config.isCompressible("IMAGE/PNG")).isFalse();
    assertThat(config.isCompressible("video/mp4")).isFalse();
    assertThat(config.isCompressible("nonsense")).isFalse();
    assertThat(List.copyOf(config.codings())).containsExactly(ContentCoding.ZSTD, ContentCoding.GZIP, ContentCoding.DEFLATE);
  }
}
