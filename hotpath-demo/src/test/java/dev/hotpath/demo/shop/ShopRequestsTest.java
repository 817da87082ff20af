package dev.hotpath.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShopRequestsTest {

  @Test
  void theMixIsDeterministicAndFollowsItsWeights() {
    List<ShopRequests.ShopRequest> a = ShopRequests.mix(42, 1.0, 20_000);
    assertThat(ShopRequests.mix(42, 1.0, 20_000)).isEqualTo(a);
    assertThat(ShopRequests.mix(7, 1.0, 20_000)).isNotEqualTo(a);
    Map<String, Long> counts = a.stream().collect(Collectors.groupingBy(ShopRequests.ShopRequest::endpoint,
        Collectors.counting()));
    assertThat(ShopRequests.weights().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
    ShopRequests.weights().forEach((endpoint, weight) ->
        assertThat(counts.getOrDefault(endpoint, 0L) / 200.0).as(endpoint).isCloseTo(weight, org.assertj.core.data.Offset.offset(1.5)));
  }

  @Test
  void theMixStaysWithinTheSeededIds() {
    ShopData.Sizes z = ShopData.Sizes.of(0.1);
    for (ShopRequests.ShopRequest r : ShopRequests.mix(42, 0.1, 5_000)) {
      String p = r.path();
      if (p.startsWith("/products/")) {
        long id = Long.parseLong(p.split("/", -1)[2]);
        assertThat(id).isBetween(1L, (long) z.products());
      } else if (p.startsWith("/customers/")) {
        assertThat(Long.parseLong(p.split("/", -1)[2])).isBetween(1L, (long) z.customers());
      }
      assertThat(r.body().isEmpty()).isEqualTo(r.method().equals("GET"));
    }
  }

  @Test
  void theVerifyListCoversEveryEndpointAndNeverReadsWhatItWrites() {
    List<ShopRequests.ShopRequest> v = ShopRequests.verify(42, 0.1);
    assertThat(v.stream().map(ShopRequests.ShopRequest::endpoint).distinct())
        .containsExactlyInAnyOrderElementsOf(ShopRequests.weights().keySet());
    ShopRequests.ShopRequest write = v.stream().filter(r -> r.method().equals("POST") && r.body().contains("customerId"))
        .findFirst().orElseThrow();
    String target = write.path().split("/", -1)[2];
    int category = ShopData.categoryOf(42, 0.1, Integer.parseInt(target));
    assertThat(v).noneMatch(r -> r.method().equals("GET") && r.path().equals("/products/" + target));
    assertThat(v).noneMatch(r -> r.path().startsWith("/products?category=" + category + "&"));
    Map<String, ShopRequests.ShopRequest> byPath =
        v.stream().collect(Collectors.toMap(r -> r.method() + r.path() + r.body(), Function.identity(), (x, y) -> x));
    assertThat(byPath).hasSize(v.size()); // no duplicates
  }

  @Test
  void badCountsAreRejected() {
    assertThatThrownBy(() -> ShopRequests.mix(42, 1.0, 0)).hasMessageContaining("count must be >= 1");
  }
}
