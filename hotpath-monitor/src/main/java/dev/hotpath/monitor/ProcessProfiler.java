package dev.hotpath.monitor;

import dev.hotpath.monitor.internal.AsyncProfilerEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import one.profiler.AsyncProfilerLoader;

/**
 * Profiles another JVM on this machine by attaching async-profiler to it (ap-loader's bundled
 * {@code asprof}, which loads the agent through the attach mechanism, as jattach does). The target
 * needs no preparation beyond running as the same user.
 *
 * <p>The output's format follows its file name: {@code .html} flame graph, {@code .jfr}, {@code
 * .pb.gz} pprof, anything else collapsed stacks. Stateless; calls for different PIDs may run at
 * once.
 *
 * <pre>{@code
 * String engine = ProcessProfiler.profile(4242, ProfileEvent.CPU, Duration.ofSeconds(30), Path.of("flame.html"));
 * }</pre>
 */
public final class ProcessProfiler {
  private ProcessProfiler() {}

  /** The format a file name asks for. */
  public static ProfileFormat formatOf(Path output) {
    String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".html") || name.endsWith(".htm")) {
      return ProfileFormat.FLAMEGRAPH;
    }
    if (name.endsWith(".jfr")) {
      return ProfileFormat.JFR;
    }
    if (name.endsWith(".pb.gz") || name.endsWith(".pprof")) {
      return ProfileFormat.PPROF;
    }
    return ProfileFormat.COLLAPSED;
  }

  /**
   * Profiles process {@code pid} for {@code duration} and writes {@code output}.
   *
   * @return the async-profiler event that ran (for CPU: {@code cpu}, else {@code itimer})
   * @throws IOException when async-profiler cannot attach, no event starts or the output cannot be
   *     written; the profiler is stopped in the target in every case, so a later call can profile it
   */
  public static String profile(long pid, ProfileEvent event, Duration duration, Path output) throws IOException {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, was " + duration);
    }
    if (!AsyncProfilerEngine.onClassPath()) {
      throw new IOException("profiling another JVM needs " + AsyncProfilerEngine.MISSING);
    }
    ProfileFormat format = formatOf(output);
    List<String> events =
        switch (event) {
          case CPU -> List.of("cpu", "itimer");
          case WALL -> List.of("wall");
          case ALLOC -> List.of("alloc");
          case LOCK -> List.of("lock");
        };
    Path target = format == ProfileFormat.PPROF ? Files.createTempFile("hotpath-profile", ".collapsed") : output;
    IOException last = null;
    try {
      for (String ev : events) {
        boolean stopped = false;
        try {
          AsyncProfilerLoader.executeProfiler(
              "-d", Long.toString(Math.max(1, duration.toSeconds())),
              "-e", ev,
              "-o", outputOption(format),
              "-f", target.toAbsolutePath().toString(),
              Long.toString(pid));
          stopped = true; // asprof -d stops the profiler itself once the dump is written
          if (Files.exists(target) && Files.size(target) > 0) {
            if (format == ProfileFormat.PPROF) {
              Profile p =
                  new Profile(
                      event,
                      "async-profiler/" + ev,
                      Instant.now().minus(duration),
                      duration,
                      event == ProfileEvent.CPU || event == ProfileEvent.WALL ? 10_000_000 : 0,
                      Profile.parseCollapsed(Files.readString(target, StandardCharsets.UTF_8)),
                      null);
              try (OutputStream out = Files.newOutputStream(output)) {
                p.write(ProfileFormat.PPROF, out);
              }
            }
            return ev;
          }
          last = new IOException("async-profiler wrote nothing for event " + ev);
        } catch (IOException e) {
          last = new IOException("async-profiler could not profile pid " + pid + " with event " + ev + ": " + String.valueOf(e.getMessage()).strip(), e);
        } finally {
          if (!stopped) {
            // a failed dump (e.g. the output is a directory) leaves the profiler running inside the
            // target, and every later profile of that JVM then fails with "Profiler already started"
            stopQuietly(pid);
          }
        }
      }
    } finally {
      if (format == ProfileFormat.PPROF) {
        Files.deleteIfExists(target);
      }
    }
    throw last != null ? last : new IOException("no event to try");
  }

  /** Stops async-profiler in {@code pid} if it runs; "not active" and attach failures are fine here. */
  private static void stopQuietly(long pid) {
    try {
      AsyncProfilerLoader.executeProfiler("stop", Long.toString(pid));
    } catch (IOException | RuntimeException notRunning) {
      // nothing was running, or the target is gone: nothing to clean up
    }
  }

  private static String outputOption(ProfileFormat format) {
    return switch (format) {
      case FLAMEGRAPH -> "flamegraph";
      case JFR -> "jfr";
      case COLLAPSED, PPROF -> "collapsed";
    };
  }
}
