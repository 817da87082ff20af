package dev.hotpath.db;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How bound parameters appear in the slow-query log: values can be personal data or secrets, so
 * the default shows only their types.
 *
 * <pre>{@code
 * InspectorConfig.builder().parameterRedaction(ParameterRedaction.NONE) // in a test database only
 * }</pre>
 */
public enum ParameterRedaction {
  /** Values as they were bound ({@code 'alice@example.com'}, {@code 42}). */
  NONE,
  /** Only the Java type of each value ({@code <String>}, {@code <Integer>}). */
  TYPES,
  /** Every value hidden ({@code <redacted>}). */
  ALL;

  /** Renders one bound value under this policy. */
  public String render(@Nullable Object value) {
    if (value == null) {
      return "NULL";
    }
    return switch (this) {
      case NONE -> value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
      case TYPES -> "<" + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + ">";
      case ALL -> "<redacted>";
    };
  }
}
