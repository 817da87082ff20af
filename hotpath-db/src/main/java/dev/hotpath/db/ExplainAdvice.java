package dev.hotpath.db;

import java.util.List;
import java.util.Optional;

/**
 * What {@link ExplainAdvisor#advise} found for one statement.
 *
 * @param dialect the database
 * @param sql the statement explained
 * @param cost the planner's total cost estimate (PostgreSQL total cost, MariaDB {@code
 *     Last_query_cost}); {@code NaN} for H2
 * @param plan the raw plan (JSON for PostgreSQL and MariaDB, text for H2)
 * @param findings the problems, most important first
 */
public record ExplainAdvice(Dialect dialect, String sql, double cost, String plan, List<Finding> findings) {
  /** Copies {@code findings}. */
  public ExplainAdvice {
    findings = List.copyOf(findings);
  }

  /** Whether a finding of {@code kind} is present. */
  public boolean has(FindingKind kind) {
    return findings.stream().anyMatch(f -> f.kind() == kind);
  }

  /** The first suggested index, if any finding suggests one. */
  public Optional<IndexSuggestion> suggestedIndex() {
    return findings.stream().map(Finding::index).filter(i -> i != null).findFirst();
  }
}
