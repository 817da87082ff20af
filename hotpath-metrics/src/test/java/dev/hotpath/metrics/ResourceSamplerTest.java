package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSamplerTest {

  @Test
  void parsesProcNetDevSummingEveryInterface() {
    List<String> lines =
        List.of(
            "Inter-|   Receive                                                |  Transmit",
            " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
            "    lo: 1000      10    0    0    0     0          0         0     1000      10    0    0    0     0       0          0",
            "  eth0: 2500      20    0    0    0     0          0         0      700       7    0    0    0     0       0          0");
    assertThat(ResourceSampler.parseProcNetDev(lines)).containsExactly(3500, 1700);
  }

  @Test
  void sampleReadsThisProcess() {
    ResourceSampler sampler = new ResourceSampler(Ticker.system());
    sampler.sample();
    byte[][] garbage = new byte[64][];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = new byte[16 * 1024];
    }
    ResourceSample s = sampler.sample();
    assertThat(garbage[63]).hasSize(16 * 1024);
    assertThat(s.heapUsed()).isPositive();
    assertThat(s.heapCommitted()).isGreaterThanOrEqualTo(s.heapUsed());
    assertThat(s.threads()).isPositive();
    assertThat(s.processCpuNanos()).isPositive();
    assertThat(s.processCpu()).isBetween(0.0, 1.0);
    if (System.getProperty("os.name").startsWith("Linux")) {
      assertThat(s.openFileDescriptors()).isPositive();
      assertThat(s.netReceivedBytes()).isGreaterThanOrEqualTo(0);
      assertThat(s.diskReadBytes()).isGreaterThanOrEqualTo(0);
    }
  }
}
