package dev.hotpath.load;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A wall-clock instant at which a run begins ({@code hotpath load --start-at}), so that the shards
 * of a distributed run, started by Kubernetes seconds apart, begin their plans together and their
 * time series line up when merged. The instant is the same string for every shard (set once when
 * the Job is created); each shard waits until it has come, then runs.
 *
 * <p>Accuracy is that of the machines' clocks (NTP keeps them within milliseconds) plus the sleep's
 * wake-up delay; the open model measures latency from each request's intended start, so a shard
 * that starts a little late reports that lateness in its latency rather than hiding it.
 *
 * <p>Thread-safe: immutable. Time is read from an injected {@link InstantSource} and waited on with
 * an injected {@link Sleeper}, so tests need no real waiting.
 *
 * <pre>{@code
 * StartAt at = StartAt.parse("2026-11-29T15:00:00Z", Instant.now());
 * Duration late = at.await(InstantSource.system(), StartAt.Sleeper.system());  // blocks until then
 * }</pre>
 *
 * @param instant when the run begins
 */
public record StartAt(Instant instant) {
  /** The longest wait accepted; a start further away is almost surely a typo in the date. */
  public static final Duration MAX_WAIT = Duration.ofHours(24);

  /** Waits; {@link #system()} is {@link Thread#sleep(Duration)}. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    /** Thread.sleep. */
    static Sleeper system() {
      return Thread::sleep;
    }
  }

  public StartAt {
    Objects.requireNonNull(instant, "instant");
  }

  /**
   * Parses an ISO-8601 instant ({@code 2026-11-29T15:00:00Z}) or a delay from {@code now} written
   * {@code +DURATION} ({@code +30s}, {@code +1m30s}; handy on one machine).
   *
   * @throws IllegalArgumentException naming {@code --start-at}, the value and the accepted forms,
   *     also when the instant is more than {@link #MAX_WAIT} away
   */
  public static StartAt parse(String text, Instant now) {
    String t = text.strip();
    Instant at;
    if (t.startsWith("+")) {
      at = now.plus(parseDelay(text, t.substring(1)));
    } else {
      try {
        at = Instant.parse(t);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("--start-at: '" + text
            + "' is neither an ISO-8601 instant (e.g. 2026-11-29T15:00:00Z) nor +DURATION (e.g. +30s)", e);
      }
    }
    if (Duration.between(now, at).compareTo(MAX_WAIT) > 0) {
      throw new IllegalArgumentException("--start-at: '" + text + "' is more than "
          + MAX_WAIT.toHours() + " h away (now " + now + "); check the date");
    }
    return new StartAt(at);
  }

  private static Duration parseDelay(String text, String d) {
    try {
      return dev.hotpath.metrics.Durations.parse(d); // the one duration grammar: +30s, +1m30s, +2h
    } catch (IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage());
      throw new IllegalArgumentException("--start-at: " + (why.contains("too long") ? why.replace("'" + d + "'", "'" + text + "'")
          : "'" + text + "' is not +DURATION (e.g. +500ms, +30s, +1m30s, +2h)"), e);
    }
  }

  /** How long to wait from {@code now}; zero when the instant has passed. */
  public Duration delayFrom(Instant now) {
    Duration d = Duration.between(now, instant);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * Blocks until the instant has come on {@code clock} (sleeping in steps of at most a second, so
   * a clock stepped by NTP meanwhile is honoured), then returns how late the start is: zero or a
   * little when waited, more when the instant had already passed (a shard that started too late;
   * the caller should warn).
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public Duration await(InstantSource clock, Sleeper sleeper) throws InterruptedException {
    Duration max = Duration.ofSeconds(1);
    while (true) {
      Instant now = clock.instant();
      Duration left = Duration.between(now, instant);
      if (left.isNegative() || left.isZero()) {
        return left.negated();
      }
      sleeper.sleep(left.compareTo(max) > 0 ? max : left);
    }
  }

  @Override
  public String toString() {
    return instant.toString();
  }
}
