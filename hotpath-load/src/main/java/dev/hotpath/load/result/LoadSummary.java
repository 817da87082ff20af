package dev.hotpath.load.result;

import dev.hotpath.metrics.Durations;
import dev.hotpath.metrics.LatencySnapshot;
import java.util.Locale;
import java.util.Map;

/**
 * The end-of-run summary for people: the guide's figures (total, successful, failed, mean, P50,
 * P95, P99, P99.9, RPS) and more, overall and per endpoint — latency beside service time, errors by
 * kind, dropped, bytes/s, the Server-Timing breakdown, thresholds and the generator's health.
 *
 * <p>Thread-safe: stateless.
 *
 * <pre>{@code
 * System.out.print(LoadSummary.render(result));
 * }</pre>
 */
public final class LoadSummary {
  private LoadSummary() {}

  /** The summary as text, lines ending in {@code \n}. */
  public static String render(LoadResult r) {
    StringBuilder sb = new StringBuilder();
    RunInfo run = r.run();
    sb.append(String.format(Locale.ROOT, "%s%s: %s, %s, %d connection%s%s, measured %s%s%n",
        run.interrupted() ? "INTERRUPTED " : "",
        run.target(), run.model().name().toLowerCase(Locale.ROOT), run.schedule(), run.connections(),
        run.connections() == 1 ? "" : "s",
        run.pipelining() > 1 ? ", pipelining " + run.pipelining() : "",
        Durations.format(run.duration().toNanos()),
        run.warmup().isZero() ? "" : " after " + Durations.format(run.warmup().toNanos()) + " warm-up"));
    endpoint(sb, r.overall(), r.run().model());
    if (r.endpoints().size() > 1) {
      for (EndpointStats e : r.endpoints()) {
        sb.append('\n');
        endpoint(sb, e, r.run().model());
        if (!e.serverTiming().isEmpty()) {
          serverTiming(sb, e);
        }
      }
    } else if (!r.endpoints().isEmpty() && !r.endpoints().get(0).serverTiming().isEmpty()) {
      serverTiming(sb, r.endpoints().get(0));
    }
    if (!r.thresholds().isEmpty()) {
      sb.append("\nthresholds\n");
      for (ThresholdResult t : r.thresholds()) {
        sb.append(String.format(Locale.ROOT, "  %-4s %-24s %s%n", t.passed() ? "ok" : "FAIL", t.expression(), t.actual()));
      }
    }
    GeneratorHealth g = r.generator();
    sb.append(String.format(Locale.ROOT, "%ngenerator: cpu %.0f%%, gc %d (%s)%s%n", g.cpuUsage() * 100, g.gcCount(),
        Durations.format(g.gcTime().toNanos()),
        g.scheduleLag().isEmpty() ? "" : ", schedule lag p99 " + Durations.format(g.scheduleLag().p99())
            + " max " + Durations.format(g.scheduleLag().max())));
    if (!g.trustworthy()) {
      sb.append("  RESULTS NOT TRUSTWORTHY: the load generator was itself a bottleneck\n");
    }
    for (String w : g.warnings()) {
      sb.append("  warning: ").append(w).append('\n');
    }
    return sb.toString();
  }

  private static void endpoint(StringBuilder sb, EndpointStats e, LoadModel model) {
    sb.append(String.format(Locale.ROOT, "%n%s%n", e.name()));
    sb.append(String.format(Locale.ROOT,
        "  requests  %d planned, %d ok, %d failed (%.2f%%), %d dropped%n",
        e.planned(), e.successes(), e.errorCount(), e.errorRate() * 100, e.dropped()));
    sb.append(String.format(Locale.ROOT, "  rate      %.1f req/s (%.1f ok/s), %s/s received%n",
        e.rps(), e.successRps(), bytes(e.bytesReceivedPerSecond())));
    sb.append("                 mean      p50      p90      p95      p99    p99.9      max\n");
    row(sb, model == LoadModel.OPEN ? "  latency  " : "  latency* ", e.latency());
    row(sb, "  service  ", e.serviceTime());
    if (model == LoadModel.CLOSED) {
      sb.append("  (* closed model: latency = service time; use --rate to measure what users would see)\n");
    }
    if (!e.errors().isEmpty()) {
      StringBuilder errs = new StringBuilder();
      e.errors().forEach((k, v) -> errs.append(errs.length() == 0 ? "" : ", ").append(k.jsonName()).append(' ').append(v));
      sb.append("  errors    ").append(errs).append('\n');
    }
    if (!e.statusCodes().isEmpty()) {
      StringBuilder st = new StringBuilder();
      for (Map.Entry<Integer, Long> s : e.statusCodes().entrySet()) {
        st.append(st.length() == 0 ? "" : ", ").append(s.getKey()).append(' ').append(s.getValue());
      }
      sb.append("  status    ").append(st).append('\n');
    }
  }

  private static void serverTiming(StringBuilder sb, EndpointStats e) {
    sb.append("  server-timing   count     mean      p50      p99\n");
    e.serverTiming().forEach((name, s) -> sb.append(String.format(Locale.ROOT, "    %-12s %7d %8s %8s %8s%n",
        name, s.count(), Durations.format((long) s.duration().mean()), Durations.format(s.duration().p50()),
        Durations.format(s.duration().p99()))));
  }

  private static void row(StringBuilder sb, String label, LatencySnapshot s) {
    if (s.isEmpty()) {
      sb.append(label).append("   (no responses)\n");
      return;
    }
    sb.append(String.format(Locale.ROOT, "%s%8s %8s %8s %8s %8s %8s %8s%n", label,
        Durations.format((long) s.mean()), Durations.format(s.p50()), Durations.format(s.p90()),
        Durations.format(s.p95()), Durations.format(s.p99()), Durations.format(s.p999()), Durations.format(s.max())));
  }

  private static String bytes(double perSecond) {
    if (perSecond >= 1 << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", perSecond / (1 << 20));
    }
    if (perSecond >= 1 << 10) {
      return String.format(Locale.ROOT, "%.1f KiB", perSecond / (1 << 10));
    }
    return String.format(Locale.ROOT, "%.0f B", perSecond);
  }
}
