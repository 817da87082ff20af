package dev.hotpath.demo.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewaySimulatorTest {
  private static final FaultTimeline TIMELINE = FaultTimeline.standard(Duration.ofSeconds(600)); // faults start at 36 s

  @Test
  void aRepeatedKeyAnswersTheFirstChargeWithoutChargingAgain() throws Exception {
    try (GatewaySimulator gateway = GatewaySimulator.start(TIMELINE, 42)) {
      GatewayClient client = new GatewayClient(gateway.uri(), Duration.ofSeconds(5));
      String first = client.charge("o-1", 100, "key-1");
      String again = client.charge("o-1", 100, "key-1");
      assertThat(again).isEqualTo(first);
      assertThat(gateway.chargesPerOrder()).containsEntry("o-1", 1);
      assertThat(client.lookup("key-1")).contains(first);
      assertThat(client.lookup("key-unknown")).isEmpty();
    }
  }

  @Test
  void withoutAKeyEveryRetryIsANewCharge() throws Exception {
    try (GatewaySimulator gateway = GatewaySimulator.start(TIMELINE, 42)) {
      GatewayClient client = new GatewayClient(gateway.uri(), Duration.ofSeconds(5));
      String first = client.charge("o-2", 100, null);
      String second = client.charge("o-2", 100, null);
      assertThat(second).isNotEqualTo(first);
      assertThat(gateway.chargesPerOrder()).containsEntry("o-2", 2);
      assertThat(gateway.requests()).isEqualTo(2);
    }
  }

  @Test
  void theTimelinePlacesItsWindowsInOrder() {
    FaultTimeline t = FaultTimeline.standard(Duration.ofSeconds(100));
    assertThat(t.gatewayFaultAt(Duration.ofSeconds(1))).isEmpty();
    assertThat(t.gatewayFaultAt(Duration.ofSeconds(7)).orElseThrow().fault()).isEqualTo(FaultTimeline.Fault.GATEWAY_SLOW);
    assertThat(t.gatewayFaultAt(Duration.ofSeconds(15)).orElseThrow().fault()).isEqualTo(FaultTimeline.Fault.GATEWAY_ERRORS);
    assertThat(t.gatewayFaultAt(Duration.ofSeconds(25)).orElseThrow().fault()).isEqualTo(FaultTimeline.Fault.GATEWAY_DOWN);
    assertThat(t.gatewayFaultAt(Duration.ofSeconds(40))).isEmpty(); // the instance kill is not a gateway fault
    assertThat(t.window(FaultTimeline.Fault.INSTANCE_DOWN).start()).isEqualTo(Duration.ofSeconds(34));
    assertThat(URI.create("http://127.0.0.1:1").getPort()).isEqualTo(1);
  }
}
