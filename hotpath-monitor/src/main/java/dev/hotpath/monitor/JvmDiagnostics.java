package dev.hotpath.monitor;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Snapshots of this JVM through its own diagnostic commands: class histogram, thread dump and heap
 * dump. Stateless and thread-safe; each call does what {@code jcmd} would.
 *
 * <p>{@link #classHistogram(boolean)} with {@code all = true} ({@code GC.class_histogram -all})
 * counts every object without forcing a full GC first; with {@code false} it counts live objects
 * only, after a full GC.
 *
 * <pre>{@code
 * String top = JvmDiagnostics.classHistogram(true);
 * JvmDiagnostics.heapDump(Path.of("/tmp/app.hprof"), true);
 * }</pre>
 */
public final class JvmDiagnostics {
  private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

  private JvmDiagnostics() {}

  /** {@code GC.class_histogram}, with {@code -all} when {@code all} (no forced full GC). */
  public static String classHistogram(boolean all) {
    return diagnosticCommand("gcClassHistogram", all ? new String[] {"-all"} : new String[0]);
  }

  /** {@code Thread.print -l}: every thread's stack with the locks it holds. */
  public static String threadDump() {
    return diagnosticCommand("threadPrint", new String[] {"-l"});
  }

  /**
   * Writes an hprof heap dump to {@code file} (which must not exist).
   *
   * @param live dump only reachable objects (forces a full GC)
   */
  public static void heapDump(Path file, boolean live) throws IOException {
    if (Files.exists(file)) {
      throw new IOException("heap dump target exists: " + file);
    }
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), live);
  }

  private static String diagnosticCommand(String operation, String[] args) {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      Object result =
          server.invoke(
              new ObjectName(DIAGNOSTIC_COMMAND),
              operation,
              new Object[] {args},
              new String[] {String[].class.getName()});
      return String.valueOf(result);
    } catch (JMException e) {
      throw new IllegalStateException("diagnostic command " + operation + " failed: " + e.getMessage(), e);
    }
  }
}
