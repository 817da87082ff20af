package dev.hotpath.load.internal.report;

import dev.hotpath.load.report.ResultComparison;
import dev.hotpath.load.report.ResultComparison.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The terminal table of a comparison, in the manner of benchstat: '~' where nothing changed significantly. */
public final class ComparisonText {
  private ComparisonText() {}

  /** The banner above a comparison whose inputs include an untrustworthy result. */
  public static final String UNTRUSTWORTHY = "RESULTS NOT TRUSTWORTHY: the load generator was itself a bottleneck in"
      + " these runs, so their latencies describe the generator as much as the server:";

  /** How the verdicts were reached, for the table's head and the HTML page. */
  public static final String TEST_LINE1 = "test: whole-run figures against a bootstrap of the baseline's intervals ("
      + IntervalBootstrap.REPLICATES + " replicates), alpha=" + ResultComparison.ALPHA + ";";
  public static final String TEST_LINE2 = "      MW = Mann-Whitney U over per-interval values (shown); with 4+ runs per side the"
      + " per-run values must differ too;";

  public static String table(ResultComparison c) {
    StringBuilder sb = new StringBuilder();
    if (!c.untrustworthy().isEmpty()) {
      sb.append(UNTRUSTWORTHY).append('\n');
      c.untrustworthy().forEach(u -> sb.append("  ").append(u).append('\n'));
      sb.append('\n');
    }
    List<String> differences = new ArrayList<>(c.planDifferences());
    differences.addAll(c.setupDifferences());
    if (!differences.isEmpty()) {
      differences.forEach(d -> sb.append("warning: ").append(d).append('\n'));
      sb.append('\n');
    }
    sb.append("baseline: ").append(runs(c.baseline().size())).append(", candidate: ").append(runs(c.candidate().size()))
        .append('\n');
    sb.append(TEST_LINE1).append('\n').append(TEST_LINE2).append('\n')
        .append("      '~' = tested, no significant change; 'untested' = too few runs or intervals to test;\n")
        .append("      error_rate changes are in percentage points\n\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"scope", "figure", "baseline", "candidate", "change", "95% interval", "p", "verdict", "test"});
    for (Change ch : c.changes()) {
      rows.add(new String[] {
        ch.scope(),
        ch.figure().token(),
        ResultComparison.formatValue(ch.figure(), ch.baseline()),
        ResultComparison.formatValue(ch.figure(), ch.candidate()),
        ResultComparison.formatChange(ch),
        ResultComparison.formatInterval(ch),
        ResultComparison.formatP(ch.pValue()),
        ch.verdict(),
        ch.test()
      });
    }
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    String last = "";
    for (String[] r : rows) {
      if (!r[0].equals(last) && !last.isEmpty() && !last.equals("scope")) {
        sb.append('\n');
      }
      last = r[0];
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        boolean right = i >= 2 && i <= 6;
        String cell = r[i];
        String pad = " ".repeat(w[i] - cell.length());
        line.append(right ? pad + cell : cell + pad).append(i == r.length - 1 ? "" : "  ");
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    if (!c.notes().isEmpty()) {
      sb.append('\n');
      for (String n : c.notes()) {
        sb.append("note: ").append(n).append('\n');
      }
    }
    return sb.toString();
  }

  private static String runs(int n) {
    return String.format(Locale.ROOT, "%d run%s", n, n == 1 ? "" : "s");
  }
}
