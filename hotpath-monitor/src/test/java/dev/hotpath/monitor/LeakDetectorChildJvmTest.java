package dev.hotpath.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real GCs in real JVMs with a small heap: one leaks, one holds steady. Both run at once. */
class LeakDetectorChildJvmTest {

  static Process launch(String mode, int seconds) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            List.of(
                java,
                "-Xmx96m",
                "-XX:+UseG1GC",
                "-cp",
                System.getProperty("java.class.path"),
                LeakWorkload.class.getName(),
                mode,
                Integer.toString(seconds)))
        .redirectErrorStream(true)
        .start();
  }

  static String await(Process p) throws Exception {
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void findsTheLeakAndNotTheSteadyWorkload() throws Exception {
    Process leaking = launch("leak", 20);
    Process steady = launch("steady", 12);

    String leakOut = await(leaking);
    String steadyOut = await(steady);

    assertThat(leakOut).as(leakOut).containsPattern("FINDING \\+\\d+\\.\\d MB/min over \\d+ s; heap full in about");
    assertThat(leakOut).as(leakOut).contains("GREW dev.hotpath.monitor.LeakWorkload$LeakedEntry");
    assertThat(steadyOut).as(steadyOut).contains("NO FINDING").doesNotContain("FINDING +");
  }
}
