package dev.hotpath.junit.internal;

import dev.hotpath.metrics.Durations;
import dev.hotpath.metrics.LatencySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares a latency distribution with percentile budgets and prints the table a failure shows:
 * every percentile measured, each budget beside its percentile, and which ones failed. Immutable.
 */
public final class LatencyTable {
  /** Percentile budgets in nanoseconds, -1 where unset: p50, p90, p99, max. */
  private final long[] budgets;

  /** A table for budgets in ns (-1 = unset) for p50, p90, p99 and max. */
  public LatencyTable(long p50, long p90, long p99, long max) {
    this.budgets = new long[] {p50, p90, p99, max};
  }

  /** The percentiles over their budget, e.g. {@code ["p99 27.1ms > 20.0ms"]}; empty when within. */
  public List<String> exceeded(LatencySnapshot s) {
    long[] measured = {s.p50(), s.p90(), s.p99(), s.max()};
    String[] names = {"p50", "p90", "p99", "max"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < budgets.length; i++) {
      if (budgets[i] >= 0 && measured[i] > budgets[i]) {
        out.add(names[i] + " " + Durations.format(measured[i]) + " > " + Durations.format(budgets[i]));
      }
    }
    return out;
  }

  /** The whole table for {@code s}, budgets beside their percentiles. */
  public String render(LatencySnapshot s) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-6s %10s %10s%n", "", "measured", "budget"));
    row(sb, "min", s.min(), -1);
    row(sb, "p50", s.p50(), budgets[0]);
    row(sb, "p90", s.p90(), budgets[1]);
    row(sb, "p99", s.p99(), budgets[2]);
    row(sb, "p99.9", s.p999(), -1);
    row(sb, "max", s.max(), budgets[3]);
    sb.append(String.format(Locale.ROOT, "  %-6s %10s%n", "mean", Durations.format((long) s.mean())));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, long measured, long budget) {
    String row = String.format(Locale.ROOT, "  %-6s %10s %10s%s", name, Durations.format(measured),
        budget < 0 ? "" : Durations.format(budget), budget >= 0 && measured > budget ? "  <-- over" : "");
    sb.append(row.stripTrailing()).append(System.lineSeparator());
  }
}
