package dev.hotpath.spring.internal;

import java.util.function.Supplier;

/**
 * Builds a hotpath component from {@code hotpath.*} properties and, when its own validation
 * rejects a value, fails startup with one line that names the properties to fix.
 */
public final class Settings {
  private Settings() {}

  /** {@code build.get()}, with a rejected value reported against {@code properties}. */
  public static <T> T apply(String properties, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Invalid " + properties + ": " + e.getMessage() + "; fix the property", e);
    }
  }
}
