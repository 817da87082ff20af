package dev.hotpath.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hotpath.testing.ChildJvm;
import org.junit.jupiter.api.Test;

/**
 * The admin endpoints' handlers run on virtual threads; async-profiler must still be what profiles
 * (it used to be loaded on the handler's virtual thread, fail for good, and leave every profile to
 * JFR). Fresh JVMs, so no earlier test has loaded async-profiler on a platform thread.
 */
class AdminProfilerEngineTest {

  @Test
  void anAdminEndpointProfileUsesAsyncProfiler() throws Exception {
    String direct = ChildJvm.run(AdminProfileWorkload.class, entry -> false, "direct").output();
    assumeTrue(direct.contains("AVAILABLE true"), "async-profiler does not load on this platform: " + direct);

    String admin = ChildJvm.run(AdminProfileWorkload.class, entry -> false, "admin").output();
    assertThat(admin).as(admin).contains("STATUS 200").containsPattern("ENGINE async-profiler/\\w+");
  }
}
