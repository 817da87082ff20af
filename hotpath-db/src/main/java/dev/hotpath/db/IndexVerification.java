package dev.hotpath.db;

import java.util.Locale;

/**
 * The plan cost of a statement without and with a suggested index.
 *
 * @param index the index tried
 * @param costBefore the planner's cost without it
 * @param costAfter the planner's cost with it
 * @param method how the index existed: {@code hypopg} (hypothetical), {@code rolled-back
 *     transaction}, or {@code created and dropped}
 */
public record IndexVerification(IndexSuggestion index, double costBefore, double costAfter, String method) {
  /** Whether the index lowers the estimated cost. */
  public boolean lowersCost() {
    return costAfter < costBefore;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s: cost %.1f -> %.1f (%s)", index.ddl(), costBefore, costAfter, method);
  }
}
