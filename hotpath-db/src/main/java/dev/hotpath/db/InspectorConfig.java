package dev.hotpath.db;

import dev.hotpath.metrics.Ticker;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link QueryInspector}; immutable and validated on construction.
 *
 * <pre>{@code
 * InspectorConfig config = InspectorConfig.builder()
 *     .slowQueryThreshold(Duration.ofMillis(100))
 *     .nPlusOneThreshold(5)
 *     .strictNPlusOne(true)          // tests: fail on N+1
 *     .build();
 * }</pre>
 *
 * @param slowQueryThreshold statements taking at least this long go to the slow-query log; {@code
 *     Duration.ZERO} logs everything
 * @param parameterRedaction how bound parameters appear in the slow-query log
 * @param nPlusOneThreshold executions of one SELECT fingerprint within a scope that count as N+1
 *     (2 to 1,000,000)
 * @param strictNPlusOne throw {@link NPlusOneException} instead of only reporting
 * @param maxFingerprints distinct fingerprints kept in the digest (1 to 1,000,000); later ones are
 *     counted under {@link QueryDigest#OTHER}, so memory stays bounded
 * @param listener receives slow queries and N+1 detections
 * @param ticker the clock that times statements
 */
public record InspectorConfig(
    Duration slowQueryThreshold,
    ParameterRedaction parameterRedaction,
    int nPlusOneThreshold,
    boolean strictNPlusOne,
    int maxFingerprints,
    QueryListener listener,
    Ticker ticker) {

  /** Validates every setting. */
  public InspectorConfig {
    Objects.requireNonNull(slowQueryThreshold, "slowQueryThreshold");
    Objects.requireNonNull(parameterRedaction, "parameterRedaction");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(ticker, "ticker");
    if (slowQueryThreshold.isNegative()) {
      throw new IllegalArgumentException(
          "slowQueryThreshold must be >= 0 (0 logs every statement), was " + slowQueryThreshold);
    }
    if (nPlusOneThreshold < 2 || nPlusOneThreshold > 1_000_000) {
      throw new IllegalArgumentException(
          "nPlusOneThreshold must be in [2, 1000000], was " + nPlusOneThreshold);
    }
    if (maxFingerprints < 1 || maxFingerprints > 1_000_000) {
      throw new IllegalArgumentException(
          "maxFingerprints must be in [1, 1000000], was " + maxFingerprints);
    }
  }

  /** 200 ms slow threshold, parameter types only, N+1 at 5, not strict, 10,000 fingerprints. */
  public static InspectorConfig ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(InspectorConfig base) {
    return new Builder()
        .slowQueryThreshold(base.slowQueryThreshold)
        .parameterRedaction(base.parameterRedaction)
        .nPlusOneThreshold(base.nPlusOneThreshold)
        .strictNPlusOne(base.strictNPlusOne)
        .maxFingerprints(base.maxFingerprints)
        .listener(base.listener)
        .ticker(base.ticker);
  }

  /** Builds an {@link InspectorConfig}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private Duration slowQueryThreshold = Duration.ofMillis(200);
    private ParameterRedaction parameterRedaction = ParameterRedaction.TYPES;
    private int nPlusOneThreshold = 5;
    private boolean strictNPlusOne;
    private int maxFingerprints = 10_000;
    private QueryListener listener = QueryListener.logging();
    private Ticker ticker = Ticker.system();

    private Builder() {}

    /** See {@link InspectorConfig#slowQueryThreshold()}. */
    public Builder slowQueryThreshold(Duration value) {
      this.slowQueryThreshold = value;
      return this;
    }

    /** See {@link InspectorConfig#parameterRedaction()}. */
    public Builder parameterRedaction(ParameterRedaction value) {
      this.parameterRedaction = value;
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
      this.listener = value;
      return this;
    }

    /** See {@link InspectorConfig#ticker()}. */
    public Builder ticker(Ticker value) {
      this.ticker = value;
      return this;
    }

    /** Validates and builds. */
    public InspectorConfig build() {
      return new InspectorConfig(
          slowQueryThreshold,
          parameterRedaction,
          nPlusOneThreshold,
          strictNPlusOne,
          maxFingerprints,
          listener,
          ticker);
    }
  }
}
