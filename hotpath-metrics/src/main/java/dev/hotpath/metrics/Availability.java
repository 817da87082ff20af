package dev.hotpath.metrics;

import java.time.Duration;
import java.util.List;

/**
 * Availability, downtime, incidents, MTTR and MTBF computed from a timeline of intervals, each
 * either up or failing (for example: a one-second interval whose error rate passed a limit).
 *
 * <p>Consecutive failing intervals form one incident. MTTR (mean time to recovery) is the mean
 * incident length; MTBF (mean time between failures) is the mean up time between the starts of
 * incidents, i.e. total up time / incidents. With no incident, MTTR is zero and MTBF is the whole
 * span. Immutable and thread-safe.
 *
 * <pre>{@code
 * Availability a = Availability.of(List.of(up(10s), failing(2s), up(8s)));
 * a.availability();   // 0.9
 * a.mttr();           // PT2S
 * }</pre>
 *
 * @param availability up time / total time, from 0 to 1 (1 for an empty timeline)
 * @param totalNanos the whole timeline
 * @param downtimeNanos time in failing intervals
 * @param incidents number of runs of consecutive failing intervals
 */
public record Availability(double availability, long totalNanos, long downtimeNanos, int incidents) {

  /** One stretch of the timeline. */
  public record Interval(long lengthNanos, boolean failing) {
    public Interval {
      if (lengthNanos < 0) {
        throw new IllegalArgumentException("interval length must be >= 0, was " + lengthNanos);
      }
    }

    public static Interval up(Duration length) {
      return new Interval(length.toNanos(), false);
    }

    public static Interval failing(Duration length) {
      return new Interval(length.toNanos(), true);
    }
  }

  /** Computes availability and incidents over {@code timeline}, in order. */
  public static Availability of(List<Interval> timeline) {
    long total = 0;
    long down = 0;
    int incidents = 0;
    boolean inIncident = false;
    for (Interval i : timeline) {
      total += i.lengthNanos();
      if (i.failing()) {
        down += i.lengthNanos();
        if (!inIncident) {
          incidents++;
        }
      }
      inIncident = i.failing();
    }
    double availability = total == 0 ? 1.0 : (double) (total - down) / total;
    return new Availability(availability, total, down, incidents);
  }

  /** Mean time to recovery: mean incident length, zero without incidents. */
  public Duration mttr() {
    return Duration.ofNanos(incidents == 0 ? 0 : downtimeNanos / incidents);
  }

  /** Mean time between failures: up time per incident; the whole up time without incidents. */
  public Duration mtbf() {
    long up = totalNanos - downtimeNanos;
    return Duration.ofNanos(incidents == 0 ? up : up / incidents);
  }

  /** Total failing time. */
  public Duration downtime() {
    return Duration.ofNanos(downtimeNanos);
  }
}
