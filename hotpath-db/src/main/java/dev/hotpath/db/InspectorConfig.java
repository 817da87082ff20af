package dev.hotpath.db;

import static dev.hotpath.metrics.ConfigChecks.inRange;
import static dev.hotpath.metrics.ConfigChecks.require;

import dev.hotpath.metrics.Ticker;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link QueryInspector}; immutable, validated once in {@link Builder#build()}: a bad
 * value throws {@link IllegalArgumentException} naming the setting, the value and the allowed
 * range. Thread-safe (immutable).
 *
 * <pre>{@code
 * InspectorConfig config = InspectorConfig.builder()
 *     .slowQueryThreshold(Duration.ofMillis(100))
 *     .nPlusOneThreshold(5)
 *     .strictNPlusOne(true)          // tests: fail on N+1
 *     .build();
 * }</pre>
 */
public final class InspectorConfig {
  private static final InspectorConfig DEFAULTS = builder().build();

  private final Duration slowQueryThreshold;
  private final ParameterRedaction parameterRedaction;
  private final int nPlusOneThreshold;
  private final boolean strictNPlusOne;
  private final int maxFingerprints;
  private final QueryListener listener;
  private final Ticker ticker;

  private InspectorConfig(Builder b) {
    this.slowQueryThreshold = b.slowQueryThreshold;
    this.parameterRedaction = b.parameterRedaction;
    this.nPlusOneThreshold = b.nPlusOneThreshold;
    this.strictNPlusOne = b.strictNPlusOne;
    this.maxFingerprints = b.maxFingerprints;
    this.listener = b.listener;
    this.ticker = b.ticker;
  }

  /** 200 ms slow threshold, parameter types only, N+1 at 5, not strict, 10,000 fingerprints, logging listener, system ticker. */
  public static InspectorConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code base}'s values, to change some of them. */
  public static Builder from(InspectorConfig base) {
    return new Builder(base);
  }

  /** Statements taking at least this long go to the slow-query log; {@code Duration.ZERO} logs everything. */
  public Duration slowQueryThreshold() {
    return slowQueryThreshold;
  }

  /** How bound parameters appear in the slow-query log. */
  public ParameterRedaction parameterRedaction() {
    return parameterRedaction;
  }

  /** Executions of one SELECT fingerprint within a scope that count as N+1, 2 to 1,000,000. */
  public int nPlusOneThreshold() {
    return nPlusOneThreshold;
  }

  /** Throw {@link NPlusOneException} instead of only reporting. */
  public boolean strictNPlusOne() {
    return strictNPlusOne;
  }

  /** Distinct fingerprints kept in the digest, 1 to 1,000,000; later ones are counted under {@link QueryDigest#OTHER}, so memory stays bounded. */
  public int maxFingerprints() {
    return maxFingerprints;
  }

  /** Receives slow queries and N+1 detections. */
  public QueryListener listener() {
    return listener;
  }

  /** The clock that times statements. */
  public Ticker ticker() {
    return ticker;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof InspectorConfig o)) {
      return false;
    }
    return Objects.equals(slowQueryThreshold, o.slowQueryThreshold)
        && Objects.equals(parameterRedaction, o.parameterRedaction)
        && nPlusOneThreshold == o.nPlusOneThreshold
        && strictNPlusOne == o.strictNPlusOne
        && maxFingerprints == o.maxFingerprints
        && listener == o.listener
        && ticker == o.ticker;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        slowQueryThreshold,
        parameterRedaction,
        nPlusOneThreshold,
        strictNPlusOne,
        maxFingerprints,
        listener,
        ticker);
  }

  @Override
  public String toString() {
    return "InspectorConfig{"
        + "slowQueryThreshold=" + slowQueryThreshold
        + ", parameterRedaction=" + parameterRedaction
        + ", nPlusOneThreshold=" + nPlusOneThreshold
        + ", strictNPlusOne=" + strictNPlusOne
        + ", maxFingerprints=" + maxFingerprints
        + ", listener=" + listener
        + ", ticker=" + ticker
        + "}";
  }

  /** Builds a {@link InspectorConfig}; {@link #build()} validates every setting. Not thread-safe. */
  public static final class Builder {
    private Duration slowQueryThreshold = Duration.ofMillis(200);
    private ParameterRedaction parameterRedaction = ParameterRedaction.TYPES;
    private int nPlusOneThreshold = 5;
    private boolean strictNPlusOne = false;
    private int maxFingerprints = 10_000;
    private QueryListener listener = QueryListener.logging();
    private Ticker ticker = Ticker.system();

    private Builder() {}

    private Builder(InspectorConfig base) {
      this.slowQueryThreshold = base.slowQueryThreshold;
      this.parameterRedaction = base.parameterRedaction;
      this.nPlusOneThreshold = base.nPlusOneThreshold;
      this.strictNPlusOne = base.strictNPlusOne;
      this.maxFingerprints = base.maxFingerprints;
      this.listener = base.listener;
      this.ticker = base.ticker;
    }

    /** See {@link InspectorConfig#slowQueryThreshold()}. */
    public Builder slowQueryThreshold(Duration value) {
      this.slowQueryThreshold = Objects.requireNonNull(value, "slowQueryThreshold");
      return this;
    }

    /** See {@link InspectorConfig#parameterRedaction()}. */
    public Builder parameterRedaction(ParameterRedaction value) {
      this.parameterRedaction = Objects.requireNonNull(value, "parameterRedaction");
      return this;
    }

    /** See {@link InspectorConfig#nPlusOneThreshold()}. */
    public Builder nPlusOneThreshold(int value) {
      this.nPlusOneThreshold = value;
      return this;
    }

    /** See {@link InspectorConfig#strictNPlusOne()}. */
    public Builder strictNPlusOne(boolean value) {
      this.strictNPlusOne = value;
      return this;
    }

    /** See {@link InspectorConfig#maxFingerprints()}. */
    public Builder maxFingerprints(int value) {
      this.maxFingerprints = value;
      return this;
    }

    /** See {@link InspectorConfig#listener()}. */
    public Builder listener(QueryListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /** See {@link InspectorConfig#ticker()}. */
    public Builder ticker(Ticker value) {
      this.ticker = Objects.requireNonNull(value, "ticker");
      return this;
    }

    /**
     * Validates every setting and how they relate, and builds the config.
     *
     * @throws IllegalArgumentException naming the setting, the value and the allowed range
     */
    public InspectorConfig build() {
      require(!slowQueryThreshold.isNegative(), "InspectorConfig.slowQueryThreshold", ">= 0 (0 logs every statement)", slowQueryThreshold);
      inRange("InspectorConfig.nPlusOneThreshold", nPlusOneThreshold, 2, 1_000_000);
      inRange("InspectorConfig.maxFingerprints", maxFingerprints, 1, 1_000_000);
      return new InspectorConfig(this);
    }
  }
}
