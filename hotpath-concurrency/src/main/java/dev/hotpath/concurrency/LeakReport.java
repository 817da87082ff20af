package dev.hotpath.concurrency;

/**
 * An object borrowed from a pool in leak-tracking mode that became unreachable without being
 * released. Immutable.
 *
 * @param pool the pool's name
 * @param type the class name of the leaked object
 * @param borrowedAt a throwable whose stack trace shows where the object was borrowed (never thrown)
 */
public record LeakReport(String pool, String type, Throwable borrowedAt) {

  @Override
  public String toString() {
    return "LeakReport[pool=" + pool + ", type=" + type + "]";
  }
}
