package dev.hotpath.demo.payments;

import dev.hotpath.demo.internal.ReadyLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One payments instance in a child JVM (its own GC and JIT, apart from the load generator), which the
 * run can kill with SIGKILL and start again on the same port. Its output goes to a log file.
 *
 * <p>The first start binds port 0 and learns the port from the ready line: a port picked free by the
 * parent could be taken by any outbound connection before the child binds it. A restart asks for
 * that port again (the killed process's listening socket is gone at once).
 */
final class ChildInstance implements AutoCloseable {
  private final String name;
  private final List<String> command;
  private final Path log;
  private @Nullable Process process;
  private int port;

  ChildInstance(String name, List<String> serverArgs, Path log) {
    this.name = name;
    this.log = log;
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1"); // 2 cores shared with the generator: C2 would steal them mid-run
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(PaymentsServer.class.getName());
    cmd.addAll(serverArgs);
    cmd.add("--parent-watch");
    cmd.add("on");
    cmd.add("--port");
    this.command = List.copyOf(cmd);
  }

  /** The class path of this JVM, module path included (the child runs everything on the class path). */
  private static String classPath() {
    String cp = System.getProperty("java.class.path", "");
    String mp = System.getProperty("jdk.module.path", "");
    return mp.isEmpty() ? cp : cp.isEmpty() ? mp : mp + java.io.File.pathSeparator + cp;
  }

  /** Starts the instance (on its earlier port, if it had one) and waits for its ready line; returns its port. */
  int start(Duration timeout) throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    List<String> cmd = new ArrayList<>(command);
    cmd.add(Integer.toString(port));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    process = p;
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    Thread.ofVirtual().name("child-" + name).start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
          PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
              StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
        String line;
        while ((line = in.readLine()) != null) {
          out.println(line);
          int extra = line.indexOf(" queue=");
          OptionalInt port = ReadyLine.parse(extra < 0 ? line : line.substring(0, extra));
          if (port.isPresent()) {
            ready.complete(port.getAsInt());
          }
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IOException(name + " exited before it was ready; see " + log));
    });
    try {
      port = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return port;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException(cause.getMessage(), cause);
    } catch (TimeoutException e) {
      p.destroyForcibly();
      throw new IOException(name + " printed no ready line within " + timeout + "; see " + log);
    }
  }

  /** SIGKILL: no shutdown hook runs, in-flight requests and in-memory work die with it. */
  void kill() throws InterruptedException {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    Process p = process;
    if (p != null) {
      p.destroy();
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
