package dev.hotpath.demo.payments;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hotpath demo payments}: both modes through the same fault timeline, then the report.
 * Thread-confined: one run at a time.
 */
public final class PaymentsRun {
  private final PaymentsOptions options;
  private final PrintStream console;

  public PaymentsRun(PaymentsOptions options, PrintStream console) {
    this.options = options;
    this.console = console;
  }

  /** The figures a run produced, for callers that check them (the integration test). */
  public record Outcome(Path html, Path json, List<ModeFigures> modes) {}

  /** The counts of one mode that the case's invariants are about. */
  public record ModeFigures(String mode, long accepted, long doubleCharged, long lost, long rejectedWhileDown,
      long connectionErrors, double drainSeconds, String queue) {}

  /** Runs naive then optimized and writes the report under {@code options.out()}. */
  public Outcome run() throws Exception {
    FaultTimeline timeline = FaultTimeline.standard(options.load());
    List<ModeResult> results = new ArrayList<>();
    try (PaymentsDatabase db = PaymentsDatabase.open(options.db())) {
      console.println("payments: database " + db.description());
      for (String mode : options.modes()) {
        ModeRun run = new ModeRun(mode, timeline, options, db, options.out(), line -> console.println("payments: " + line));
        try {
          results.add(run.run());
        } finally {
          run.close();
        }
      }
      String environment = Runtime.getRuntime().availableProcessors() + " cores, JDK " + Runtime.version()
          + ", database: " + db.description() + ", queue: " + results.get(results.size() - 1).queueKind
          + ", gateway: simulated on loopback";
      String command = "./hotpath demo payments" + (options.quick() ? " --quick" : "");
      PaymentsReport report = new PaymentsReport(results, options, environment, command);
      console.print(report.table());
      Path html = report.write(options.out());
      console.println("payments: report " + html);
      List<ModeFigures> figures = results.stream().map(r -> new ModeFigures(r.mode, r.accepted, r.doubleCharged, r.lost,
          r.refusalsInOutage.count(), r.errors(ErrorClass.CONNECTION), r.drainSeconds, r.queueKind)).toList();
      return new Outcome(html, options.out().resolve("payments.json"), figures);
    }
  }

  /** Runs the case from the command line: {@code [--quick] [--out DIR] [--db SPEC] [--queue SPEC]}. */
  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path out = Path.of("hotpath-demo-results", "payments");
    String db = "auto";
    String queue = "auto";
    List<String> modes = List.of("naive", "optimized");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(args[++i]);
        case "--db" -> db = args[++i];
        case "--queue" -> queue = args[++i];
        case "--only" -> modes = List.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    PaymentsOptions defaults = PaymentsOptions.of(quick, out, db, queue);
    new PaymentsRun(new PaymentsOptions(quick, out, db, queue, defaults.paymentRate(), defaults.balanceRate(), modes),
        System.out).run();
  }
}
