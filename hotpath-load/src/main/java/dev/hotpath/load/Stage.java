package dev.hotpath.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One leg of an open-model arrival plan: over {@code duration} the arrival rate moves linearly
 * from where the previous stage ended (0 for the first) to {@code targetRate} requests per second.
 *
 * <p>Thread-safe: immutable.
 *
 * <pre>{@code
 * new Stage(Duration.ofSeconds(30), 100);   // ramp to 100 req/s over 30 s
 * }</pre>
 */
public record Stage(Duration duration, double targetRate) {
  public Stage {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("stage duration must be more than 0s, was " + DurationParser.format(duration));
    }
    RateSchedule.checkRate("stage rate", targetRate, true);
  }
}
