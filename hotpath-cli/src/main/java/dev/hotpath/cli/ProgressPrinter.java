package dev.hotpath.cli;

import dev.hotpath.load.ProgressListener;
import dev.hotpath.load.result.GeneratorSample;
import dev.hotpath.load.result.IntervalStats;
import dev.hotpath.metrics.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * The live progress of {@code hotpath load} on stderr: one line per interval, rewritten in place on
 * a terminal ({@code live}), plain lines otherwise. {@link #end()} ends a live line, so the summary
 * that follows starts on a line of its own. Called from the runner's reporting thread only.
 */
final class ProgressPrinter implements ProgressListener {
  /** A planned length beyond this is "no planned end" (the closed model bounded by a request count). */
  static final Duration NO_END = Duration.ofDays(300);

  private final PrintWriter err;
  private final boolean live;
  private boolean lineOpen;

  ProgressPrinter(PrintWriter err, boolean live) {
    this.err = err;
    this.live = live;
  }

  @Override
  public void onInterval(IntervalStats interval, Duration elapsed, Duration total, boolean warmingUp) {
    String line = line(interval, elapsed, total, warmingUp);
    if (live) {
      err.print("\r" + line + "\u001b[K");
      lineOpen = true;
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** Ends the live line (if one is open), before anything else is printed. */
  void end() {
    if (lineOpen) {
      err.println();
      err.flush();
      lineOpen = false;
    }
  }

  /**
   * {@code [  12s/30s] 498.0 req/s (target 500/s)  p50 1.20ms  p99 3.40ms  errors 0  dropped 0
   * in flight 3  open connections 16}; an interval without responses shows no percentiles.
   */
  static String line(IntervalStats i, Duration elapsed, Duration total, boolean warmingUp) {
    GeneratorSample g = i.generator();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "[%6s/%s]", clock(elapsed), total.compareTo(NO_END) > 0 ? "-" : clock(total)));
    sb.append(warmingUp ? " warm-up" : "");
    if (i.completed() > 0) {
      sb.append(String.format(Locale.ROOT, " %8.1f req/s", i.rps()));
    } else {
      sb.append(" no responses");
    }
    if (g.targetRate() > 0) {
      sb.append(String.format(Locale.ROOT, " (target %s/s)", rate(g.targetRate())));
    }
    if (i.completed() > 0) {
      sb.append("  p50 ").append(Durations.format(i.latency().p50()))
          .append("  p99 ").append(Durations.format(i.latency().p99()));
    }
    sb.append("  errors ").append(i.errors()).append("  dropped ").append(i.dropped());
    sb.append("  in flight ").append(g.inFlight());
    if (g.queued() > 0) {
      sb.append("  waiting ").append(g.queued());
    }
    sb.append("  open connections ").append(g.openConnections());
    return sb.toString();
  }

  private static String rate(double r) {
    return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
  }

  /** {@code 45s}, {@code 2m05s}, {@code 1h02m}. */
  static String clock(Duration d) {
    long s = d.toSeconds();
    if (s >= 3600) {
      return s / 3600 + "h" + String.format(Locale.ROOT, "%02d", s % 3600 / 60) + "m";
    }
    return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
  }
}
