package dev.hotpath.db;

import org.jspecify.annotations.Nullable;

/**
 * One problem in a plan, with what to do about it.
 *
 * @param kind what was found
 * @param message a sentence naming the table, the numbers and the fix
 * @param index the index that would help, when one would
 */
public record Finding(FindingKind kind, String message, @Nullable IndexSuggestion index) {
  @Override
  public String toString() {
    return kind + ": " + message + (index == null ? "" : " -> " + index.ddl());
  }
}
