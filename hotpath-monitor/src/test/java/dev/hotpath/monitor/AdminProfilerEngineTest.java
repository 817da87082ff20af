package dev.hotpath.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The admin endpoints' handlers run on virtual threads; async-profiler must still be what profiles
 * (it used to be loaded on the handler's virtual thread, fail for good, and leave every profile to
 * JFR). Fresh JVMs, so no earlier test has loaded async-profiler on a platform thread.
 */
class AdminProfilerEngineTest {

  static String run(String mode) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(List.of(
            java, "-XX:+EnableDynamicAgentLoading", "-cp", System.getProperty("java.class.path"),
            AdminProfileWorkload.class.getName(), mode))
        .redirectErrorStream(true)
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void anAdminEndpointProfileUsesAsyncProfiler() throws Exception {
    String direct = run("direct");
    assumeTrue(direct.contains("AVAILABLE true"), "async-profiler does not load on this platform: " + direct);

    String admin = run("admin");
    assertThat(admin).as(admin).contains("STATUS 200").containsPattern("ENGINE async-profiler/\\w+");
  }
}
