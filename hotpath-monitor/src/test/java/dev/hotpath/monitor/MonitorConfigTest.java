package dev.hotpath.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {
  @Test
  void readsEnvironmentThenSystemProperties() {
    Properties props = new Properties();
    props.setProperty("hotpath.monitor.admin.port", "9200");
    Map<String, String> env =
        Map.of(
            "HOTPATH_MONITOR_ADMIN_PORT", "9100",
            "HOTPATH_MONITOR_SLOW_MS", "250",
            "HOTPATH_MONITOR_TOKEN", "0123456789abcdef",
            "HOTPATH_MONITOR_LEAK", "false");
    MonitorConfig c = MonitorConfig.builder().apply(env, props).build();
    assertThat(c.adminPort()).isEqualTo(9200);
    assertThat(c.slowRequestThreshold()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.bearerToken()).hasValue("0123456789abcdef");
    assertThat(c.toString()).doesNotContain("0123456789abcdef").contains("bearerToken=<set>");
    assertThat(MonitorConfig.from(c).build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.leakDetection()).isFalse();
    assertThat(c.adminHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void badValuesNameTheSettingAndTheRange() {
    assertThatThrownBy(() -> MonitorConfig.builder().adminPort(70000).build())
        .hasMessage("MonitorConfig.adminPort must be in [0, 65535], was 70000");
    assertThatThrownBy(() -> MonitorConfig.builder().apply(Map.of("HOTPATH_MONITOR_ADMIN_PORT", "x"), new Properties()))
        .hasMessageContaining("hotpath.monitor.admin.port must be an integer");
    assertThatThrownBy(() -> MonitorConfig.builder().bearerToken("short").build())
        .hasMessage("MonitorConfig.bearerToken must be at least 16 characters, was 5 characters");
    assertThatThrownBy(() -> MonitorConfig.builder().maxProfileDuration(Duration.ofHours(2)).build())
        .hasMessage("MonitorConfig.maxProfileDuration must be in [PT1S, PT1H], was PT2H");
    assertThatThrownBy(() -> LeakDetectorConfig.builder().minRSquared(1.5).build())
        .hasMessage("LeakDetectorConfig.minRSquared must be in [0, 1], was 1.5");
    assertThatThrownBy(() -> LeakDetectorConfig.builder().window(Duration.ofSeconds(60)).build())
        .hasMessage("LeakDetectorConfig.window must be in [PT1M30S, PT168H], was PT1M");
  }
}
