package dev.hotpath.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.load.RequestSpec;
import dev.hotpath.load.Scenario;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteppedCaseTest {
  private static SteppedService.Request get(String path) {
    return new SteppedService.Request("GET /products", "GET", path, "");
  }

  @Test
  void theMixBecomesOneWeightedSpecPerEndpointCyclingThroughItsRequests() {
    SteppedService.Request post = new SteppedService.Request("POST /products/{id}/reviews", "POST", "/products/7/reviews",
        "{\"rating\":4}");
    Scenario s = SteppedCase.scenario(8080, List.of(get("/products?category=1"), get("/products?category=2"), post,
        get("/products?category=3")));
    assertThat(s.requests()).extracting(RequestSpec::name).containsExactly("GET /products", "POST /products/{id}/reviews");
    RequestSpec listing = s.requests().get(0);
    RequestSpec review = s.requests().get(1);
    assertThat(listing.weight()).isEqualTo(750);
    assertThat(review.weight()).isEqualTo(250);
    assertThat(listing.url()).isEqualTo("http://127.0.0.1:8080/${csv:p0}");
    assertThat(listing.headers()).containsEntry("Accept-Encoding", "gzip").doesNotContainKey("Content-Type");
    assertThat(review.method()).isEqualTo("POST");
    assertThat(review.body()).isEqualTo("${csv:b1}");
    assertThat(review.headers()).containsEntry("Content-Type", "application/json");
    assertThat(s.csvColumns()).containsExactly("p0", "b0", "p1", "b1");
    assertThat(s.csvRows()).hasSize(3);
    assertThat(s.csvRows().get(2)).containsExactly("products?category=3", "", "products/7/reviews", "{\"rating\":4}");
  }

  @Test
  void responsesDifferByStatusOrBodyAndTheMessageShowsWhere() {
    var a = new ServiceClient.Response(200, "{\"id\":1,\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8), "identity");
    var same = new ServiceClient.Response(200, "{\"id\":1,\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8), "gzip");
    var other = new ServiceClient.Response(200, "{\"id\":1,\"name\":\"b\"}".getBytes(StandardCharsets.UTF_8), "gzip");
    var missing = new ServiceClient.Response(404, new byte[0], "identity");
    assertThat(SteppedCase.difference(a, same)).isEmpty();
    assertThat(SteppedCase.difference(missing, missing)).isEmpty(); // an equal error is an equal answer
    assertThat(SteppedCase.difference(a, missing)).isEqualTo("status 200 vs 404");
    assertThat(SteppedCase.difference(a, other)).startsWith("bodies differ at byte 16 (19 vs 19 bytes)")
        .contains("\"name\":\"a\"}").contains("\"name\":\"b\"}");
  }

  @Test
  void theOfferedRateIsAFractionOfTheMaximumInTwoSignificantDigits() {
    assertThat(SteppedCase.calibrated(435, 0.5)).isEqualTo(220);
    assertThat(SteppedCase.calibrated(1234, 0.75)).isEqualTo(930);
    assertThat(SteppedCase.calibrated(12.4, 0.75)).isEqualTo(9.3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(SteppedCase.calibrated(0.5, 0.75)).isEqualTo(1);
  }
}
