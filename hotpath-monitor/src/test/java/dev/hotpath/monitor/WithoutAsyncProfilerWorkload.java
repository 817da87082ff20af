package dev.hotpath.monitor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child JVM for {@link OptionalAsyncProfilerTest}, run without ap-loader on its class path: the
 * timing filters, the monitor and JFR profiles work; asking for async-profiler names the artifact.
 */
public final class WithoutAsyncProfilerWorkload {
  private WithoutAsyncProfilerWorkload() {}

  public static void main(String[] args) throws Exception {
    RequestTiming timing = RequestTiming.builder(new SimpleMeterRegistry()).build();
    System.out.println("TIMING " + (timing != null));
    try (HotpathMonitor monitor =
        HotpathMonitor.start(MonitorConfig.builder().adminPort(0).leakDetection(false).build())) {
      System.out.println("MONITOR " + monitor.scrape().contains("jvm_memory_used_bytes"));
      System.out.println("AVAILABLE " + Profiler.asyncProfilerAvailable());
      Profile p = monitor.profiler().profile(ProfileEvent.CPU, Duration.ofSeconds(1), false);
      System.out.println("ENGINE " + p.engine());
    }
    try {
      Profiler.builder().engine(Profiler.Engine.ASYNC_PROFILER).build()
          .profile(ProfileEvent.CPU, Duration.ofSeconds(1), false);
    } catch (IOException e) {
      System.out.println("ASYNC " + e.getMessage());
    }
    Path out = Files.createTempFile("profile", ".html");
    try {
      ProcessProfiler.profile(ProcessHandle.current().pid(), ProfileEvent.CPU, Duration.ofSeconds(1), out);
    } catch (IOException e) {
      System.out.println("PROCESS " + e.getMessage());
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
