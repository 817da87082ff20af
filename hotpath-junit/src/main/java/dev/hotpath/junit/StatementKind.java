package dev.hotpath.junit;

import java.util.Locale;

/** Which statements a query budget counts, told apart by the first word of their fingerprint. */
public enum StatementKind {
  /** Every statement. */
  ANY,
  /** {@code SELECT} and {@code WITH ... SELECT}. */
  SELECT,
  /** {@code INSERT}. */
  INSERT,
  /** {@code UPDATE}. */
  UPDATE,
  /** {@code DELETE}. */
  DELETE;

  /** Whether a statement with this fingerprint (lower-case, as the inspector makes it) counts. */
  public boolean matches(String fingerprint) {
    return switch (this) {
      case ANY -> true;
      case SELECT -> fingerprint.startsWith("select") || fingerprint.startsWith("with");
      default -> fingerprint.startsWith(name().toLowerCase(Locale.ROOT));
    };
  }
}
