package dev.hotpath.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request-scoped bag of named timings and counters: what one request spent in the database,
 * the cache or a remote call, readable when it ends and renderable as a W3C {@code Server-Timing}
 * header.
 *
 * <p>A scope is opened with try-with-resources and becomes the thread's current scope until it is
 * closed. Other modules add to whatever scope is current through the static {@link #recordTiming}
 * and {@link #count} methods, which do nothing when no scope is open, so library code never needs
 * to know whether it runs inside a request. Scopes nest: closing an inner scope adds its
 * measurements to the enclosing one. The current scope is thread-local, so each virtual thread has
 * its own; to carry a scope to another thread use {@link #wrap(Runnable)}.
 *
 * <p>Thread-safety: adding to a scope and reading it are thread-safe (work fanned out to several
 * threads may add to the same scope); opening and closing belong to the thread that opened it.
 *
 * <pre>{@code
 * try (Scope scope = Scope.open("GET /users/{id}")) {
 *   handle(request);                      // the DB inspector calls Scope.recordTiming("db", nanos)
 *   response.setHeader("Server-Timing", scope.serverTiming());
 * }
 * }</pre>
 */
public final class Scope implements AutoCloseable {
  private static final ThreadLocal<@Nullable Scope> CURRENT = new ThreadLocal<>();
  /**
   * Set by the first {@link #open}, never cleared: until then {@link #count} and {@link
   * #recordTiming} skip the thread-local lookup, which is most of their cost on a cache hit in an
   * application that never opens a scope. A thread that adds to a scope either opened it itself
   * or got it through {@link #wrap} (a hand-off that publishes the flag), so it always sees it set.
   */
  private static volatile boolean anyOpened;

  private final String name;
  private final @Nullable Scope parent;
  private final Ticker ticker;
  private final long startNanos;
  private final Map<String, long[]> measurements = new LinkedHashMap<>(); // guarded by this; {count, nanos}
  private volatile long endNanos = Long.MIN_VALUE;

  private Scope(String name, @Nullable Scope parent, Ticker ticker) {
    this.name = Objects.requireNonNull(name, "name");
    this.parent = parent;
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.startNanos = ticker.read();
  }

  /** Opens a scope on this thread, nested in the current one if any, timed by the system ticker. */
  public static Scope open(String name) {
    return open(name, Ticker.system());
  }

  /** Opens a scope on this thread, nested in the current one if any, timed by {@code ticker}. */
  public static Scope open(String name, Ticker ticker) {
    if (!anyOpened) {
      anyOpened = true; // written once: no shared cache line is dirtied per open
    }
    Scope scope = new Scope(name, CURRENT.get(), ticker);
    CURRENT.set(scope);
    return scope;
  }

  /** The innermost open scope of this thread, or {@code null} when none is open. */
  public static @Nullable Scope current() {
    return CURRENT.get();
  }

  /** Adds one call of {@code nanos} to metric {@code metric} of the current scope; no-op without one. */
  public static void recordTiming(String metric, long nanos) {
    if (!anyOpened) {
      return;
    }
    Scope scope = CURRENT.get();
    if (scope != null) {
      scope.addTiming(metric, nanos);
    }
  }

  /** Adds {@code delta} to counter {@code metric} of the current scope; no-op without one. */
  public static void count(String metric, long delta) {
    if (!anyOpened) {
      return;
    }
    Scope scope = CURRENT.get();
    if (scope != null) {
      scope.addCount(metric, delta);
    }
  }

  /** Adds one call lasting {@code nanos} to {@code metric}. */
  public void addTiming(String metric, long nanos) {
    add(metric, 1, nanos);
  }

  /** Adds {@code delta} occurrences, without time, to {@code metric}. */
  public void addCount(String metric, long delta) {
    add(metric, delta, 0);
  }

  private synchronized void add(String metric, long count, long nanos) {
    long[] m = measurements.computeIfAbsent(metric, k -> new long[2]);
    m[0] += count;
    m[1] += nanos;
  }

  /** The name given when the scope was opened, e.g. the route. */
  public String name() {
    return name;
  }

  /** Time since the scope opened, or its whole duration once closed. */
  public long elapsedNanos() {
    long end = endNanos;
    return (end == Long.MIN_VALUE ? ticker.read() : end) - startNanos;
  }

  /** A snapshot of the measurements, in the order their metrics were first recorded. */
  public synchronized Map<String, Measurement> measurements() {
    Map<String, Measurement> copy = new LinkedHashMap<>();
    measurements.forEach((k, v) -> copy.put(k, new Measurement(v[0], v[1])));
    return Collections.unmodifiableMap(copy);
  }

  /** The measurement of one metric, or {@link Measurement#NONE} if nothing was recorded. */
  public synchronized Measurement measurement(String metric) {
    long[] m = measurements.get(metric);
    return m == null ? Measurement.NONE : new Measurement(m[0], m[1]);
  }

  /**
   * Renders this scope as a W3C Server-Timing header value: {@code app} with the scope's elapsed
   * time, then each metric with its total duration (when it has one) and its count as the
   * description, e.g. {@code app;dur=12.41, db;dur=8.20;desc="3", cache.miss;desc="1"}.
   */
  public String serverTiming() {
    StringBuilder sb = new StringBuilder(64);
    appendDur(sb.append("app"), elapsedNanos());
    measurements()
        .forEach(
            (metric, m) -> {
              sb.append(", ").append(ServerTimingToken.sanitize(metric));
              if (m.totalNanos() > 0) {
                appendDur(sb, m.totalNanos());
              }
              sb.append(";desc=\"").append(m.count()).append('"');
            });
    return sb.toString();
  }

  private static void appendDur(StringBuilder sb, long nanos) {
    // milliseconds with two decimals, without String.format: this runs once per request
    long hundredths = (Math.max(0, nanos) + 5_000) / 10_000;
    long fraction = hundredths % 100;
    sb.append(";dur=").append(hundredths / 100).append('.').append(fraction < 10 ? "0" : "").append(fraction);
  }

  /**
   * Returns a task that runs {@code task} with this scope as the current scope of whatever thread
   * runs it, restoring that thread's previous scope afterwards.
   */
  public Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task");
    return () -> {
      Scope previous = CURRENT.get();
      CURRENT.set(this);
      try {
        task.run();
      } finally {
        if (previous == null) {
          CURRENT.remove();
        } else {
          CURRENT.set(previous);
        }
      }
    };
  }

  /**
   * Ends the scope: fixes its duration, makes the enclosing scope current again and adds this
   * scope's measurements to it. Closing twice has no further effect.
   */
  @Override
  public void close() {
    if (endNanos != Long.MIN_VALUE) {
      return;
    }
    endNanos = ticker.read();
    if (CURRENT.get() == this) {
      if (parent == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(parent);
      }
    }
    Scope p = parent;
    if (p != null) {
      measurements().forEach((metric, m) -> p.add(metric, m.count(), m.totalNanos()));
    }
  }

  @Override
  public String toString() {
    return name + " " + String.format(Locale.ROOT, "%.1f ms", elapsedNanos() / 1e6) + " " + measurements();
  }

  /** How often something happened within a scope and how long it took in total. */
  public record Measurement(long count, long totalNanos) {
    /** Nothing recorded. */
    public static final Measurement NONE = new Measurement(0, 0);
  }
}
