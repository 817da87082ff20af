package dev.hotpath.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs a {@code main} class in a fresh JVM on this test's class path, optionally without some of its
 * entries: to check what a user gets who leaves an optional dependency out, or code whose JVM-wide
 * state (a native library loaded once) earlier tests would have set. Returns what it printed
 * (stdout and stderr) and its exit code.
 *
 * <p>Shared with every module through hotpath-metrics' test-jar.
 *
 * <pre>{@code
 * ChildJvm.Result r = ChildJvm.run(Workload.class, entry -> entry.contains("httpclient5"), "mode");
 * }</pre>
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** What the child printed and how it exited. */
  public record Result(int exitCode, String output) {}

  /**
   * Runs {@code main} with {@code args}, leaving out the class-path entries {@code leaveOut}
   * matches; waits at most 120 s.
   */
  public static Result run(Class<?> main, Predicate<String> leaveOut, String... args)
      throws IOException, InterruptedException {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(leaveOut.negate())
            .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-XX:+EnableDynamicAgentLoading");
    command.add("-cp");
    command.add(classPath);
    command.add(main.getName());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("child JVM " + main.getSimpleName() + " did not end: " + new String(out, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
