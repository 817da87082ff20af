package dev.hotpath.http;

import static dev.hotpath.metrics.ConfigChecks.inRange;

import dev.hotpath.resilience.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Immutable; {@link Builder#build()} validates every setting once and a bad value throws {@link
 * IllegalArgumentException} naming the setting, the value and the allowed range. Thread-safe.
 *
 * <pre>{@code
 * LoadBalancerConfig config = LoadBalancerConfig.builder()
 *     .strategy(BalancingStrategy.POWER_OF_TWO_CHOICES)
 *     .consecutiveFailures(3)
 *     .baseEjectionTime(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 */
public final class LoadBalancerConfig {
  private static final LoadBalancerConfig DEFAULTS = builder().build();

  private final BalancingStrategy strategy;
  private final Duration latencyDecay;
  private final int consecutiveFailures;
  private final Duration baseEjectionTime;
  private final Duration maxEjectionTime;
  private final int maxEjectedPercent;
  private final int unhealthyThreshold;
  private final int healthyThreshold;
  private final Duration healthCheckInterval;
  private final @Nullable CircuitBreakerConfig circuitBreaker;

  private LoadBalancerConfig(Builder b) {
    this.strategy = b.strategy;
    this.latencyDecay = b.latencyDecay;
    this.consecutiveFailures = b.consecutiveFailures;
    this.baseEjectionTime = b.baseEjectionTime;
    this.maxEjectionTime = b.maxEjectionTime;
    this.maxEjectedPercent = b.maxEjectedPercent;
    this.unhealthyThreshold = b.unhealthyThreshold;
    this.healthyThreshold = b.healthyThreshold;
    this.healthCheckInterval = b.healthCheckInterval;
    this.circuitBreaker = b.circuitBreaker;
  }

  /** P2C with peak EWMA; eject after 5 failures for 30 s (up to 5 min, at most half the endpoints); a default circuit breaker per endpoint. */
  public static LoadBalancerConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code base}'s values, to change some of them. */
  public static Builder from(LoadBalancerConfig base) {
    return new Builder(base);
  }

  /** How an endpoint is picked (default {@link BalancingStrategy#POWER_OF_TWO_CHOICES}). */
  public BalancingStrategy strategy() {
    return strategy;
  }

  /** Time constant of the latency EWMA: an observation’s weight falls to 1/e after this long, 1 ms to 10 min (default 10 s, as Finagle). */
  public Duration latencyDecay() {
    return latencyDecay;
  }

  /** Failures in a row that eject an endpoint, 1 to 1000 (default 5). */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** First ejection’s length, 1 ms to 1 h (default 30 s). */
  public Duration baseEjectionTime() {
    return baseEjectionTime;
  }

  /** Longest ejection, {@code baseEjectionTime} to 24 h (default 5 min). */
  public Duration maxEjectionTime() {
    return maxEjectionTime;
  }

  /** Most endpoints ejected at once, in percent, 0 to 100 (default 50; at least one endpoint may always be ejected). */
  public int maxEjectedPercent() {
    return maxEjectedPercent;
  }

  /** Failed active checks in a row that mark an endpoint down, 1 to 100 (default 2). */
  public int unhealthyThreshold() {
    return unhealthyThreshold;
  }

  /** Passed active checks in a row that mark it up again, 1 to 100 (default 1). */
  public int healthyThreshold() {
    return healthyThreshold;
  }

  /** Delay between rounds of active checks, 1 ms to 1 h (default 5 s). */
  public Duration healthCheckInterval() {
    return healthCheckInterval;
  }

  /** Settings of each endpoint’s hotpath-resilience circuit breaker; empty after {@link Builder#noCircuitBreaker()} (default {@link CircuitBreakerConfig#ofDefaults()}). */
  public Optional<CircuitBreakerConfig> circuitBreaker() {
    return Optional.ofNullable(circuitBreaker);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof LoadBalancerConfig o)) {
      return false;
    }
    return Objects.equals(strategy, o.strategy)
        && Objects.equals(latencyDecay, o.latencyDecay)
        && consecutiveFailures == o.consecutiveFailures
        && Objects.equals(baseEjectionTime, o.baseEjectionTime)
        && Objects.equals(maxEjectionTime, o.maxEjectionTime)
        && maxEjectedPercent == o.maxEjectedPercent
        && unhealthyThreshold == o.unhealthyThreshold
        && healthyThreshold == o.healthyThreshold
        && Objects.equals(healthCheckInterval, o.healthCheckInterval)
        && Objects.equals(circuitBreaker, o.circuitBreaker);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        strategy,
        latencyDecay,
        consecutiveFailures,
        baseEjectionTime,
        maxEjectionTime,
        maxEjectedPercent,
        unhealthyThreshold,
        healthyThreshold,
        healthCheckInterval,
        circuitBreaker);
  }

  @Override
  public String toString() {
    return "LoadBalancerConfig{"
        + "strategy=" + strategy
        + ", latencyDecay=" + latencyDecay
        + ", consecutiveFailures=" + consecutiveFailures
        + ", baseEjectionTime=" + baseEjectionTime
        + ", maxEjectionTime=" + maxEjectionTime
        + ", maxEjectedPercent=" + maxEjectedPercent
        + ", unhealthyThreshold=" + unhealthyThreshold
        + ", healthyThreshold=" + healthyThreshold
        + ", healthCheckInterval=" + healthCheckInterval
        + ", circuitBreaker=" + circuitBreaker
        + "}";
  }

  /** Builds a {@link LoadBalancerConfig}; {@link #build()} validates every setting. Not thread-safe. */
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

    private Builder(LoadBalancerConfig base) {
      this.strategy = base.strategy;
      this.latencyDecay = base.latencyDecay;
      this.consecutiveFailures = base.consecutiveFailures;
      this.baseEjectionTime = base.baseEjectionTime;
      this.maxEjectionTime = base.maxEjectionTime;
      this.maxEjectedPercent = base.maxEjectedPercent;
      this.unhealthyThreshold = base.unhealthyThreshold;
      this.healthyThreshold = base.healthyThreshold;
      this.healthCheckInterval = base.healthCheckInterval;
      this.circuitBreaker = base.circuitBreaker;
    }

    /** See {@link LoadBalancerConfig#strategy()}. */
    public Builder strategy(BalancingStrategy value) {
      this.strategy = Objects.requireNonNull(value, "strategy");
      return this;
    }

    /** See {@link LoadBalancerConfig#latencyDecay()}. */
    public Builder latencyDecay(Duration value) {
      this.latencyDecay = Objects.requireNonNull(value, "latencyDecay");
      return this;
    }

    /** See {@link LoadBalancerConfig#consecutiveFailures()}. */
    public Builder consecutiveFailures(int value) {
      this.consecutiveFailures = value;
      return this;
    }

    /** See {@link LoadBalancerConfig#baseEjectionTime()}. */
    public Builder baseEjectionTime(Duration value) {
      this.baseEjectionTime = Objects.requireNonNull(value, "baseEjectionTime");
      return this;
    }

    /** See {@link LoadBalancerConfig#maxEjectionTime()}. */
    public Builder maxEjectionTime(Duration value) {
      this.maxEjectionTime = Objects.requireNonNull(value, "maxEjectionTime");
      return this;
    }

    /** See {@link LoadBalancerConfig#maxEjectedPercent()}. */
    public Builder maxEjectedPercent(int value) {
      this.maxEjectedPercent = value;
      return this;
    }

    /** See {@link LoadBalancerConfig#unhealthyThreshold()}. */
    public Builder unhealthyThreshold(int value) {
      this.unhealthyThreshold = value;
      return this;
    }

    /** See {@link LoadBalancerConfig#healthyThreshold()}. */
    public Builder healthyThreshold(int value) {
      this.healthyThreshold = value;
      return this;
    }

    /** See {@link LoadBalancerConfig#healthCheckInterval()}. */
    public Builder healthCheckInterval(Duration value) {
      this.healthCheckInterval = Objects.requireNonNull(value, "healthCheckInterval");
      return this;
    }

    /** See {@link LoadBalancerConfig#circuitBreaker()}. */
    public Builder circuitBreaker(CircuitBreakerConfig value) {
      this.circuitBreaker = Objects.requireNonNull(value, "circuitBreaker");
      return this;
    }

    /** No circuit breaker per endpoint: ejection and health checks alone decide. */
    public Builder noCircuitBreaker() {
      this.circuitBreaker = null;
      return this;
    }

    /**
     * Validates every setting and how they relate, and builds the config.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public LoadBalancerConfig build() {
      inRange("LoadBalancerConfig.latencyDecay", latencyDecay, Duration.ofMillis(1), Duration.ofMinutes(10));
      inRange("LoadBalancerConfig.consecutiveFailures", consecutiveFailures, 1, 1000);
      inRange("LoadBalancerConfig.baseEjectionTime", baseEjectionTime, Duration.ofMillis(1), Duration.ofHours(1));
      inRange("LoadBalancerConfig.maxEjectionTime", maxEjectionTime, baseEjectionTime, Duration.ofHours(24));
      inRange("LoadBalancerConfig.maxEjectedPercent", maxEjectedPercent, 0, 100);
      inRange("LoadBalancerConfig.unhealthyThreshold", unhealthyThreshold, 1, 100);
      inRange("LoadBalancerConfig.healthyThreshold", healthyThreshold, 1, 100);
      inRange("LoadBalancerConfig.healthCheckInterval", healthCheckInterval, Duration.ofMillis(1), Duration.ofHours(1));
      return new LoadBalancerConfig(this);
    }
  }
}
