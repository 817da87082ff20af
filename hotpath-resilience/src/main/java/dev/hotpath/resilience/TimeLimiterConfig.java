package dev.hotpath.resilience;

import static dev.hotpath.resilience.internal.Checks.positive;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, validated settings of a {@link TimeLimiter}. Thread-safe (immutable).
 *
 * <pre>{@code
 * TimeLimiterConfig config = TimeLimiterConfig.builder()
 *     .timeout(Duration.ofMillis(800))
 *     .cancelRunningCall(true)
 *     .build();
 * }</pre>
 */
public final class TimeLimiterConfig {
  private static final TimeLimiterConfig DEFAULTS = builder().build();

  private final Duration timeout;
  private final boolean cancelRunningCall;

  private TimeLimiterConfig(Builder b) {
    this.timeout = b.timeout;
    this.cancelRunningCall = b.cancelRunningCall;
  }

  /** Defaults: 1 s, cancel the running call. */
  public static TimeLimiterConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}'s settings. */
  public static Builder from(TimeLimiterConfig base) {
    Objects.requireNonNull(base, "base");
    return new Builder().timeout(base.timeout).cancelRunningCall(base.cancelRunningCall);
  }

  /**
   * How long a call may take, > 0; {@code ChronoUnit.FOREVER.getDuration()} means no bound. For an
   * async call the time starts before the supplier is called.
   */
  public Duration timeout() {
    return timeout;
  }

  /** Whether a timed-out call is cancelled (its thread interrupted, its stage cancelled). */
  public boolean cancelRunningCall() {
    return cancelRunningCall;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TimeLimiterConfig c && timeout.equals(c.timeout)
        && cancelRunningCall == c.cancelRunningCall;
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeout, cancelRunningCall);
  }

  @Override
  public String toString() {
    return "TimeLimiterConfig{timeout=" + timeout + ", cancelRunningCall=" + cancelRunningCall + "}";
  }

  /** Builds a {@link TimeLimiterConfig}: setters only reject {@code null}, {@link #build()} validates. */
  public static final class Builder {
    private Duration timeout = Duration.ofSeconds(1);
    private boolean cancelRunningCall = true;

    private Builder() {}

    /** How long a call may take, > 0; default 1 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "TimeLimiterConfig.timeout");
      return this;
    }

    /** Whether a timed-out call is cancelled; default true. */
    public Builder cancelRunningCall(boolean cancel) {
      this.cancelRunningCall = cancel;
      return this;
    }

    /**
     * Validates every setting and builds.
     *
     * @throws IllegalArgumentException naming the setting out of range
     */
    public TimeLimiterConfig build() {
      positive("TimeLimiterConfig.timeout", timeout);
      return new TimeLimiterConfig(this);
    }
  }
}
