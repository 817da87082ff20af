package dev.hotpath.cli;

import dev.hotpath.monitor.ProcessProfiler;
import dev.hotpath.monitor.ProfileEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hotpath profile <pid> --seconds 30 --event cpu -o flame.html}: profile another local JVM. */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = {
      "Profile another JVM on this machine by attaching async-profiler (bundled) to it; the target needs no"
          + " preparation beyond running as the same user.",
      "The output's extension picks the format: .html flame graph, .jfr, .pb.gz pprof, else collapsed stacks.",
      ""
    },
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  hotpath profile 4242 --seconds 30 -o flame.html",
      "  hotpath profile $(pgrep -f my-app.jar) --event alloc -o alloc.jfr",
      "",
      "Exit codes: 0 ok, 2 bad input (no such process, bad option, output not writable, cannot attach),"
          + " 3 failure while running."
    })
public final class ProfileCommand implements Callable<Integer> {
  @Spec @SuppressWarnings("NullAway.Init") CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PID", description = "Process id of the JVM to profile (jps or pgrep lists them).")
  long pid;

  @Option(names = "--seconds", defaultValue = "30", description = "How long to profile, 1 to 3600 (default: ${DEFAULT-VALUE}).")
  int seconds = 30;

  @Option(names = "--event", defaultValue = "cpu", description = "cpu, wall, alloc or lock (default: ${DEFAULT-VALUE}).")
  String event = "cpu";

  @Option(names = {"-o", "--output"}, defaultValue = "flame.html", description = "Output file (default: ${DEFAULT-VALUE}).")
  Path output = Path.of("flame.html");

  @Override
  public Integer call() {
    if (seconds < 1 || seconds > 3600) {
      throw new UsageError("--seconds must be within [1, 3600], was " + seconds);
    }
    ProfileEvent ev;
    try {
      ev = ProfileEvent.valueOf(event.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageError("--event must be cpu, wall, alloc or lock, was '" + event + "'", e);
    }
    if (pid <= 0 || ProcessHandle.of(pid).isEmpty()) {
      throw new UsageError("no process with pid " + pid + " on this machine");
    }
    // before attaching: a dump that cannot be written is found out only after the whole profile
    OutputFiles.check("-o", output);
    String used;
    try {
      used = ProcessProfiler.profile(pid, ev, Duration.ofSeconds(seconds), output);
    } catch (IOException e) {
      throw new UsageError(plain(String.valueOf(e.getMessage())), e);
    }
    spec.commandLine()
        .getOut()
        .printf("wrote %s (%s, %d s, async-profiler event %s)%n", output, ProcessProfiler.formatOf(output), seconds, used);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** asprof's own words without the wrapper: "... exit code 200, stderr: [ERROR] X, stdout: " gives "... X". */
  static String plain(String message) {
    String m = message.lines().findFirst().orElse("profiling failed");
    int err = m.indexOf("asprof failed with exit code");
    int stderr = m.indexOf("stderr:");
    if (err >= 0 && stderr > err) {
      int stdout = m.indexOf(", stdout:", stderr);
      String why = m.substring(stderr + "stderr:".length(), stdout > 0 ? stdout : m.length()).strip();
      why = why.replace("[ERROR]", "").strip();
      m = m.substring(0, err).strip() + " " + (why.isEmpty() ? "async-profiler failed" : why);
    }
    return m;
  }
}
