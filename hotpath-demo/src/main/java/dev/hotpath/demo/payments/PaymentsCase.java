package dev.hotpath.demo.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotpath.demo.internal.CaseStudy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code hotpath demo payments}: both modes through the same fault timeline, then the report. Writes
 * {@code payments.json} (totals and per-second series) and {@code payments.html} into the case's
 * folder, the instances' logs under {@code logs/}, and gives {@code index.html} its section.
 *
 * <p>The case fails (the demo exits 1) when the optimized mode charges a payment twice, loses one, or
 * does not settle every payment within the drain time: those are the guarantees it exists to show.
 * Timing targets are reported PASS or MISS, measured on whatever machine runs it.
 */
public final class PaymentsCase implements CaseStudy {
  private final @Nullable PaymentsOptions options; // null: the demo's config says (--quick)

  /** The case as {@code hotpath demo} runs it. */
  public PaymentsCase() {
    this.options = null;
  }

  /** The case with {@code options} whatever the demo's config says (tests). */
  PaymentsCase(PaymentsOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "payments";
  }

  @Override
  public String title() {
    return "Payments: a failing gateway and a lost instance";
  }

  @Override
  public List<String> stepNames() {
    return List.of();
  }

  @Override
  public Outcome run(Context context) {
    PaymentsOptions options = this.options != null ? this.options : PaymentsOptions.of(context.config().quick());
    FaultTimeline timeline = FaultTimeline.standard(options.load());
    PaymentsDatabase db = PaymentsDatabase.of(context.backends().database(name()));
    context.out().println("payments: database " + db.description() + "; " + options.paymentRate() + " payments/s + "
        + options.balanceRate() + " /balance/s for " + options.load().toSeconds() + " s per mode");
    List<ModeResult> results = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (String mode : options.modes()) {
      ModeRun run = new ModeRun(mode, timeline, options, db, context.dir(), line -> context.out().println("payments: " + line));
      try {
        results.add(run.run());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        broken.add(mode + ": interrupted");
        break;
      } catch (Exception e) {
        // an instance that would not start, a database that went away: this mode has no figures, the
        // other still runs, and the demo exits 1 naming the cause
        String why = mode + ": " + (e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
        broken.add(why);
        context.out().println("payments: FAILED " + why);
      } finally {
        run.close();
      }
    }
    if (results.isEmpty()) {
      String table = "Payments — no mode ran: " + String.join("; ", broken) + System.lineSeparator();
      return new Outcome(name(), title(), broken, table, "<h2>" + title() + "</h2><p>No mode ran.</p>",
          new PaymentsReport(results, options, db.description(), context.config().command()).summary(broken), "");
    }
    PaymentsReport report = new PaymentsReport(results, options, db.description(), context.config().command());
    List<String> failures = new ArrayList<>(broken);
    failures.addAll(report.failures());
    try {
      report.write(context.dir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the payments report in " + context.dir() + ": " + e.getMessage(), e);
    }
    ObjectNode summary = report.summary(failures);
    return new Outcome(name(), title(), failures, report.table(), report.section(), summary, "");
  }
}
