package dev.hotpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

  @Test
  void anUnknownPidIsAUsageError() {
    CommandLine cl = HotpathCommand.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    assertThat(cl.execute("profile", "999999999", "--seconds", "1")).isEqualTo(ExitCodes.USAGE);
    assertThat(cl.execute("profile", "1", "--event", "heap")).isEqualTo(ExitCodes.USAGE);
  }
}
