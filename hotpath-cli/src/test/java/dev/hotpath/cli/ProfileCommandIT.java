package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.monitor.ProcessProfiler;
import dev.hotpath.monitor.ProfileEvent;
import java.time.Duration;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hotpath profile} attaches to a real child JVM and names its hot method. */
class ProfileCommandIT {

  /** The child: spins in one method forever. */
  public static final class BusyTarget {
    static volatile long sink;

    private BusyTarget() {}

    static long hotMethodOfTheChild(long x) {
      for (int i = 0; i < 1_000_000; i++) {
        x = x * 6364136223846793005L + i;
      }
      return x;
    }

    public static void main(String[] args) {
      System.out.println("ready");
      System.out.flush();
      long x = 1;
      while (true) {
        x = hotMethodOfTheChild(x);
        sink = x;
      }
    }
  }

  @Test
  void writesAFlameGraphNamingTheChildsHotMethod(@TempDir Path dir) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                List.of(java, "-XX:+EnableDynamicAgentLoading", "-cp", System.getProperty("java.class.path"), BusyTarget.class.getName()))
            .redirectErrorStream(true)
            .start();
    try {
      byte[] ready = child.getInputStream().readNBytes(6);
      assertThat(new String(ready, StandardCharsets.UTF_8)).isEqualTo("ready\n");
      Path flame = dir.resolve("flame.html");
      CommandLine cl = HotpathCommand.commandLine();
      StringWriter out = new StringWriter();
      cl.setOut(new PrintWriter(out));
      int exit = cl.execute("profile", Long.toString(child.pid()), "--seconds", "2", "--event", "cpu", "-o", flame.toString());

      assertThat(exit).as(out.toString()).isZero();
      assertThat(out.toString()).contains("wrote").contains("FLAMEGRAPH");
      assertThat(Files.readString(flame)).contains("<html").contains("hotMethodOfTheChild");
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
  }

  private static Process busyChild() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                List.of(java, "-XX:+EnableDynamicAgentLoading", "-cp", System.getProperty("java.class.path"), BusyTarget.class.getName()))
            .redirectErrorStream(true)
            .start();
    assertThat(new String(child.getInputStream().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("ready\n");
    return child;
  }

  /** Once a profile failed, the next one of the same JVM used to fail with "Profiler already started". */
  @Test
  void aFailedProfileStopsTheProfilerItStarted(@TempDir Path dir) throws Exception {
    Process child = busyChild();
    try {
      // the library call has no up-front check: the dump into a directory fails after the profile
      assertThatThrownBy(() -> ProcessProfiler.profile(child.pid(), ProfileEvent.CPU, Duration.ofSeconds(1), dir))
          .isInstanceOf(java.io.IOException.class);
      Path flame = dir.resolve("after.html");
      Cli r = Cli.run("profile", Long.toString(child.pid()), "--seconds", "1", "-o", flame.toString());
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(flame).isNotEmptyFile();
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
  }

  @Test
  void anOutputThatIsADirectoryIsRefusedBeforeAttaching(@TempDir Path dir) {
    long start = System.nanoTime();
    Cli r = Cli.run("profile", Long.toString(ProcessHandle.current().pid()), "--seconds", "30", "-o", dir.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("-o " + dir + " is a directory");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20)); // did not profile 30 s
  }

  @Test
  void asprofMessagesLoseTheirWrapper() {
    assertThat(ProfileCommand.plain("async-profiler could not profile pid 7 with event itimer: asprof failed with exit code 200,"
        + " stderr: [ERROR] Profiler already started, stdout: "))
        .isEqualTo("async-profiler could not profile pid 7 with event itimer: Profiler already started");
  }

  @Test
  void anUnknownPidIsAUsageError() {
    CommandLine cl = HotpathCommand.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    assertThat(cl.execute("profile", "999999999", "--seconds", "1")).isEqualTo(ExitCodes.USAGE);
    assertThat(cl.execute("profile", "1", "--event", "heap")).isEqualTo(ExitCodes.USAGE);
  }
}
