package dev.hotpath.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.metrics.Scope.Measurement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlowRequestLineTest {
  @Test
  void readsLikeTheDesign() {
    Map<String, Measurement> m = new LinkedHashMap<>();
    m.put("db", new Measurement(51, 280_400_000));
    m.put("cache.miss", new Measurement(1, 0));
    assertThat(SlowRequestLine.format("GET", "/users/7/orders", 312_700_000, m))
        .isEqualTo("GET /users/7/orders 312 ms (db 51 queries 280 ms, cache 0/1)");
  }

  @Test
  void namesOtherMetricsGenerically() {
    Map<String, Measurement> m = new LinkedHashMap<>();
    m.put("cache.hit", new Measurement(3, 0));
    m.put("http.client", new Measurement(1, 4_200_000));
    m.put("render", new Measurement(2, 12_000_000));
    m.put("retries", new Measurement(2, 0));
    m.put("cache.miss", new Measurement(1, 0));
    assertThat(SlowRequestLine.format("POST", "/pay", 1_500_000_000L, m))
        .isEqualTo("POST /pay 1500 ms (cache 3/4, http.client 1 call 4.2 ms, render 2 × 12 ms, retries 2)");
  }

  @Test
  void noBreakdownWhenTheScopeIsEmpty() {
    assertThat(SlowRequestLine.format("GET", "/", 5_000_000, Map.of())).isEqualTo("GET / 5.0 ms");
  }
}
