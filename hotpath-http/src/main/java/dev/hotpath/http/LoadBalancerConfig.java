package dev.hotpath.http;

import static dev.hotpath.http.internal.Checks.requireDuration;
import static dev.hotpath.http.internal.Checks.requireRange;

import dev.hotpath.resilience.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link LoadBalancer}: the strategy, passive outlier ejection, active health checks
 * and the per-endpoint circuit breaker.
 *
 * <p>Ejection follows Envoy's outlier detection: {@code consecutiveFailures} failures in a row eject
 * an endpoint for {@code baseEjectionTime} times the number of times it was ejected in a row (capped
 * at {@code maxEjectionTime}); at most {@code maxEjectedPercent} of the endpoints are ejected at once,
 * but always at least one may be. Active checks mark an endpoint down after {@code
 * unhealthyThreshold} failed checks in a row and up again after {@code healthyThreshold} passed ones.
 *
 * <p>Immutable; a bad value throws {@link IllegalArgumentException} naming the setting, the value and
 * the allowed range. Thread-safe.
 *
 * <pre>{@code
 * LoadBalancerConfig config = LoadBalancerConfig.builder()
 *     .strategy(BalancingStrategy.POWER_OF_TWO_CHOICES)
 *     .consecutiveFailures(3)
 *     .baseEjectionTime(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * @param strategy how an endpoint is picked
 * @param latencyDecay time constant of the latency EWMA: an observation's weight falls to 1/e after
 *     this long, 1 ms to 10 min (default 10 s, as Finagle)
 * @param consecutiveFailures failures in a row that eject an endpoint, 1 to 1000 (default 5)
 * @param baseEjectionTime first ejection's length, 1 ms to 1 h (default 30 s)
 * @param maxEjectionTime longest ejection, {@code baseEjectionTime} to 24 h (default 5 min)
 * @param maxEjectedPercent most endpoints ejected at once, in percent, 0 to 100 (default 50; at
 *     least one endpoint may always be ejected)
 * @param unhealthyThreshold failed active checks in a row that mark an endpoint down, 1 to 100
 * @param healthyThreshold passed active checks in a row that mark it up again, 1 to 100
 * @param healthCheckInterval delay between rounds of active checks, 1 ms to 1 h (default 5 s)
 * @param circuitBreaker settings of each endpoint's hotpath-resilience circuit breaker, or {@code
 *     null} for none
 */
public record LoadBalancerConfig(
    BalancingStrategy strategy,
    Duration latencyDecay,
    int consecutiveFailures,
    Duration baseEjectionTime,
    Duration maxEjectionTime,
    int maxEjectedPercent,
    int unhealthyThreshold,
    int healthyThreshold,
    Duration healthCheckInterval,
    @Nullable CircuitBreakerConfig circuitBreaker) {

  /** Validates. */
  public LoadBalancerConfig {
    Objects.requireNonNull(strategy, "strategy");
    requireDuration("latencyDecay", latencyDecay, Duration.ofMillis(1), Duration.ofMinutes(10));
    requireRange("consecutiveFailures", consecutiveFailures, 1, 1000);
    requireDuration("baseEjectionTime", baseEjectionTime, Duration.ofMillis(1), Duration.ofHours(1));
    requireDuration("maxEjectionTime", maxEjectionTime, baseEjectionTime, Duration.ofHours(24));
    requireRange("maxEjectedPercent", maxEjectedPercent, 0, 100);
    requireRange("unhealthyThreshold", unhealthyThreshold, 1, 100);
    requireRange("healthyThreshold", healthyThreshold, 1, 100);
    requireDuration("healthCheckInterval", healthCheckInterval, Duration.ofMillis(1), Duration.ofHours(1));
  }



  /** P2C with peak EWMA; eject after 5 failures for 30 s (up to 5 min, at most half the endpoints); default circuit breakers. */
  public static LoadBalancerConfig ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(LoadBalancerConfig base) {
    Builder b = new Builder();
    b.strategy = base.strategy;
    b.latencyDecay = base.latencyDecay;
    b.consecutiveFailures = base.consecutiveFailures;
    b.baseEjectionTime = base.baseEjectionTime;
    b.maxEjectionTime = base.maxEjectionTime;
    b.maxEjectedPercent = base.maxEjectedPercent;
    b.unhealthyThreshold = base.unhealthyThreshold;
    b.healthyThreshold = base.healthyThreshold;
    b.healthCheckInterval = base.healthCheckInterval;
    b.circuitBreaker = base.circuitBreaker;
    return b;
  }

  /** Builds a {@link LoadBalancerConfig}; not thread-safe. */
  public static final class Builder {
    private BalancingStrategy strategy = BalancingStrategy.POWER_OF_TWO_CHOICES;
    private Duration latencyDecay = Duration.ofSeconds(10);
    private int consecutiveFailures = 5;
    private Duration baseEjectionTime = Duration.ofSeconds(30);
    private Duration maxEjectionTime = Duration.ofMinutes(5);
    private int maxEjectedPercent = 50;
    private int unhealthyThreshold = 2;
    private int healthyThreshold = 1;
    private Duration healthCheckInterval = Duration.ofSeconds(5);
    private @Nullable CircuitBreakerConfig circuitBreaker = CircuitBreakerConfig.ofDefaults();

    private Builder() {}

    /** How an endpoint is picked, default {@link BalancingStrategy#POWER_OF_TWO_CHOICES}. */
    public Builder strategy(BalancingStrategy strategy) {
      this.strategy = strategy;
      return this;
    }

    /** Time constant of the latency EWMA, default 10 s. */
    public Builder latencyDecay(Duration latencyDecay) {
      this.latencyDecay = latencyDecay;
      return this;
    }

    /** Failures in a row that eject an endpoint, default 5. */
    public Builder consecutiveFailures(int consecutiveFailures) {
      this.consecutiveFailures = consecutiveFailures;
      return this;
    }

    /** First ejection's length, default 30 s. */
    public Builder baseEjectionTime(Duration baseEjectionTime) {
      this.baseEjectionTime = baseEjectionTime;
      return this;
    }

    /** Longest ejection, default 5 min. */
    public Builder maxEjectionTime(Duration maxEjectionTime) {
      this.maxEjectionTime = maxEjectionTime;
      return this;
    }

    /** Most endpoints ejected at once, in percent, default 50. */
    public Builder maxEjectedPercent(int maxEjectedPercent) {
      this.maxEjectedPercent = maxEjectedPercent;
      return this;
    }

    /** Failed checks in a row that mark an endpoint down, default 2. */
    public Builder unhealthyThreshold(int unhealthyThreshold) {
      this.unhealthyThreshold = unhealthyThreshold;
      return this;
    }

    /** Passed checks in a row that mark an endpoint up, default 1. */
    public Builder healthyThreshold(int healthyThreshold) {
      this.healthyThreshold = healthyThreshold;
      return this;
    }

    /** Delay between rounds of active checks, default 5 s. */
    public Builder healthCheckInterval(Duration healthCheckInterval) {
      this.healthCheckInterval = healthCheckInterval;
      return this;
    }

    /** Each endpoint's circuit breaker settings, or {@code null} for none; default {@link CircuitBreakerConfig#ofDefaults()}. */
    public Builder circuitBreaker(@Nullable CircuitBreakerConfig circuitBreaker) {
      this.circuitBreaker = circuitBreaker;
      return this;
    }

    /** Validates and builds. */
    public LoadBalancerConfig build() {
      return new LoadBalancerConfig(
          strategy, latencyDecay, consecutiveFailures, baseEjectionTime, maxEjectionTime, maxEjectedPercent,
          unhealthyThreshold, healthyThreshold, healthCheckInterval, circuitBreaker);
    }
  }
}
