package dev.hotpath.demo.internal;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A service under test in its own JVM: the same {@code java} binary and class path as this process
 * (module path entries included, run on the class path), so the load generator here never shares
 * the service's heap, GC or JIT. The child announces its port with a {@link ReadyLine} on stdout;
 * its stderr and other stdout go to a log file.
 *
 * <p>Every child is registered with one shutdown hook, so Ctrl-C, a failure or a normal exit never
 * leaves one running. Thread-safe.
 */
public final class ChildJvm implements AutoCloseable {
  private static final Set<ChildJvm> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChildJvm::killAll, "hotpath-demo-children"));
  }

  private final String name;
  private final Process process;
  private final Path log;
  private final int port;

  private ChildJvm(String name, Process process, Path log, int port) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts {@code mainClass} with {@code args} and waits for its ready line.
   *
   * @param name for messages and the log file ({@code <logDir>/<name>.log})
   * @param heap the child's {@code -Xmx}, e.g. {@code 512m}
   * @throws ChildFailedException if it exits or stays silent past {@code readyTimeout}; the message
   *     holds the last lines of its log
   */
  public static ChildJvm start(String name, String mainClass, List<String> args, String heap, Path logDir,
      Duration readyTimeout) {
    // small pauses matter less here than a steady heap for a short run
    return start(name, mainClass, args, List.of("-Xmx" + heap, "-XX:+UseParallelGC"), logDir, readyTimeout);
  }

  /**
   * Like {@link #start(String, String, List, String, Path, Duration)} with the child's JVM options
   * ({@code jvmOptions}: heap, GC, JIT) chosen by the caller, e.g. to keep many small children from
   * competing for the machine's cores.
   */
  public static ChildJvm start(String name, String mainClass, List<String> args, List<String> jvmOptions,
      Path logDir, Duration readyTimeout) {
    Path log = logDir.resolve(name + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(jvmOptions);
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(mainClass);
    cmd.addAll(args);
    Process p;
    try {
      Files.createDirectories(logDir);
      Files.writeString(log, "# " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8);
      p = new ProcessBuilder(cmd)
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new ChildFailedException(name + ": cannot start a JVM (" + e.getMessage() + ")", e);
    }
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> pump(p, log, ready), "hotpath-demo-" + name + "-stdout");
    reader.setDaemon(true);
    reader.start();
    ChildJvm starting = new ChildJvm(name, p, log, 0);
    LIVE.add(starting);
    int port;
    try {
      port = ready.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      starting.close();
      throw new ChildFailedException(name + " printed no ready line within " + readyTimeout.toSeconds() + " s"
          + tail(log), e);
    } catch (ExecutionException e) {
      starting.close();
      throw new ChildFailedException(name + " exited before it was ready (exit code " + exitCode(p) + ")" + tail(log), e);
    } catch (InterruptedException e) {
      starting.close();
      Thread.currentThread().interrupt();
      throw new ChildFailedException(name + ": interrupted while it started", e);
    }
    LIVE.remove(starting);
    ChildJvm child = new ChildJvm(name, p, log, port);
    LIVE.add(child);
    return child;
  }

  private static void pump(Process p, Path log, CompletableFuture<Integer> ready) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        var port = ReadyLine.parse(line);
        if (port.isPresent() && !ready.isDone()) {
          ready.complete(port.getAsInt());
        }
        Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      // the child went away; the future below says so
    }
    ready.completeExceptionally(new IOException("stdout closed"));
  }

  private static String exitCode(Process p) {
    try {
      return p.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "none yet";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** The last lines of the log, for an error message. */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> last = lines.subList(Math.max(1, lines.size() - 12), lines.size());
      return last.isEmpty() ? "; its log " + log + " is empty"
          : "; last lines of " + log + ":\n  " + String.join("\n  ", last);
    } catch (IOException | UncheckedIOException e) {
      return "; see " + log;
    }
  }

  /** The java binary running this JVM. */
  static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** This JVM's class path plus its module path: the child runs everything on the class path. */
  static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (String prop : List.of("java.class.path", "jdk.module.path")) {
      String v = System.getProperty(prop);
      if (v != null && !v.isBlank()) {
        for (String e : v.split(java.util.regex.Pattern.quote(File.pathSeparator), -1)) {
          if (!e.isBlank()) {
            entries.add(e);
          }
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  public String name() {
    return name;
  }

  /** The port the child announced. */
  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the child: stdin closed and SIGTERM, then a kill after 10 s; waits for it to end. */
  @Override
  public void close() {
    LIVE.remove(this);
    stop(process, Duration.ofSeconds(10));
  }

  private static void stop(Process p, Duration grace) {
    try {
      OutputStream stdin = p.getOutputStream();
      stdin.close();
    } catch (IOException e) {
      // already closed
    }
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void killAll() {
    for (ChildJvm c : List.copyOf(LIVE)) {
      stop(c.process, Duration.ofSeconds(2));
    }
  }

  /** A child that could not be started or died; the message says which and shows its log's tail. */
  public static final class ChildFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChildFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
