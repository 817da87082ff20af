package dev.hotpath.demo.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotpath.demo.DemoConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * One of the guide's case studies as {@code hotpath demo} runs it. {@link CaseStudies#all()} lists
 * them; a new one implements this and is added there.
 */
public interface CaseStudy {
  /** The name on the command line ({@code hotpath demo shop}). */
  String name();

  /** One line for people. */
  String title();

  /** The steps {@code --steps} may name, in run order (empty when the case has no steps). */
  List<String> stepNames();

  /**
   * Runs the case and writes its files under {@link Context#dir()}.
   *
   * @throws dev.hotpath.demo.DemoException for bad input or a verify mismatch (the run stops)
   */
  Outcome run(Context context);

  /**
   * What a case runs with.
   *
   * @param config the whole demo's settings
   * @param dir this case's folder inside {@code --out}
   * @param out progress and tables for people
   * @param backends the database and cache chosen for this run
   * @param steps the steps to run (a subset of {@link #stepNames()}, in run order)
   * @param phases how long each phase lasts
   */
  record Context(DemoConfig config, Path dir, PrintWriter out, Backends backends, List<String> steps, Phases phases) {}

  /**
   * What a case produced.
   *
   * @param failures why steps failed (empty when all went well): the demo then exits 1
   * @param table the console table
   * @param html the case's section of {@code index.html} (body content, styled by hotpath's report CSS)
   * @param summary the case's entry in {@code summary.json}
   * @param css the report style sheet, when the case rendered a report page (else empty)
   */
  record Outcome(String name, String title, List<String> failures, String table, String html, ObjectNode summary,
      String css) {
    public boolean failed() {
      return !failures.isEmpty();
    }
  }
}
